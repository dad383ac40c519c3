#include "http/api_response.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace kulanz::http {

Response json_response(const boost::json::value& body, int status) {
  return Response::json(boost::json::serialize(body), status);
}

Response error_response(const base::Error& error, const Request& request) {
  return Response::problem(error, request.path);
}

Response error_response(const base::Error& error, const Request& request, const std::vector<base::Error>& item_errors) {
  return Response::problem(error, request.path, item_errors);
}

Response item_errors_response(const base::Error& summary, const Request& request, const std::vector<ItemError>& items) {
  // Start from the standard problem so that the top-level members stay identical.
  Response response = Response::problem(summary, request.path);
  boost::json::value body = boost::json::parse(response.body);
  boost::json::array errors;
  for (const auto& item : items) {
    boost::json::object entry;
    entry["index"] = item.index ? boost::json::value(static_cast<std::uint64_t>(*item.index)) : boost::json::value(nullptr);
    entry["location"] = item.error.location;
    entry["field"] = item.error.field;
    entry["code"] = item.error.number();
    entry["detail"] = item.error.detail.empty() ? std::string(item.error.info().message) : item.error.detail;
    errors.push_back(std::move(entry));
  }
  body.as_object()["errors"] = std::move(errors);
  response.body = boost::json::serialize(body);
  return response;
}

Response not_found_response(std::string_view what, std::string_view external_id, const Request& request) {
  std::string shown(external_id.substr(0, 100));
  return error_response(base::Error(base::ErrorCode::not_found, std::string(what) + " '" + shown +
                                                                     "' does not exist for this API key's creditor; check the external id"),
                        request);
}

}  // namespace kulanz::http
