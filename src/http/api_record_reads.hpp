#pragma once
// GET handlers of the record resources.
#include "http/api_record_resource.hpp"

namespace kulanz::http {

Response get_record(ApiCall& call, const RecordResource& resource);
Response list_records(ApiCall& call, const RecordResource& resource);

}  // namespace kulanz::http
