#pragma once
// The OpenAPI 3.1 description of the REST API, built from the same operation table that
// feeds the router (so a route cannot exist without being documented) plus the record
// schemas, whose input side comes from the importers' field table.
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "http/api_operation.hpp"

namespace kulanz::http {

boost::json::object openapi_document(const std::vector<ApiOperation>& operations, const ApiOptions& options);

// The components/schemas of the document (records, pages, batches, views, problems).
boost::json::object openapi_schemas();

// The complete document of the API with `options`, serialized (for `GET /api/v1/openapi.json` and tools).
std::string openapi_json(const ApiOptions& options);

}  // namespace kulanz::http
