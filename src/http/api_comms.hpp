#pragma once
// The creditor's message texts and profile over the API (api_comms.cpp) and their schemas.
#include <vector>

#include <boost/json/object.hpp>

#include "http/api_operation.hpp"

namespace kulanz::http {

std::vector<ApiOperation> comms_operations(const ApiOptions& options);
boost::json::object comms_schemas();

}  // namespace kulanz::http
