#pragma once
// Internal to src/comms: Values as the data tree kainjow renders.
#include "comms/kainjow.hpp"
#include "comms/values.hpp"

namespace kulanz::comms {

// Empty texts are left out (absent). Inside list entries an empty field is set to "false",
// so that it hides a top-level variable of the same name (an item's due_date never shows
// the message's due_date).
kainjow::mustache::data to_mustache_data(const Values& values);

}  // namespace kulanz::comms
