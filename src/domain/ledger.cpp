// Implemented in the ledger change.
#include "domain/ledger.hpp"
