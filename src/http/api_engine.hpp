#pragma once
// The collection engine's API operations (api_engine.cpp) and their schemas.
#include <vector>

#include <boost/json/object.hpp>

#include "http/api_operation.hpp"

namespace kulanz::http {

std::vector<ApiOperation> engine_operations(const ApiOptions& options);
// Components for the operations above, merged into the document's schemas.
boost::json::object engine_schemas();

}  // namespace kulanz::http
