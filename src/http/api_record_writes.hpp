#pragma once
// Write handlers of the record resources: PUT of one record and POST .../batch. Both turn
// the JSON body into importers::RawRecords and hand them to services::import_records, so
// the API validates exactly like `kulanz import` and writes all or nothing.
#include "http/api_record_resource.hpp"

namespace kulanz::http {

// PUT /api/v1/<resource>/{external_id}: 201 when created, 200 when updated or unchanged,
// with the stored record as the body.
Response put_record(ApiCall& call, const RecordResource& resource);
// POST /api/v1/<resource>/batch with {"items": [...]}: 200 with the counts, or 422
// batch_invalid listing every invalid item (index, field, code, detail); nothing written.
Response batch_records(ApiCall& call, const RecordResource& resource);

}  // namespace kulanz::http
