// The one place where concrete adapters meet: everything is wired in cli::run.
#include "cli/cli.hpp"

int main(int argc, char** argv) { return kulanz::cli::run(argc, argv); }
