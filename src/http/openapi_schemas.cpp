// Schemas of the OpenAPI document. Response shapes are written out here as JSON (they
// mirror json_records.cpp, which the HTTP tests compare them with); request shapes are
// generated from importers::fields_of(), the table the importer validates with.
#include <boost/json.hpp>

#include "http/api_comms.hpp"
#include "http/api_dispatch.hpp"
#include "http/api_engine.hpp"
#include "http/api_record_resource.hpp"
#include "http/openapi.hpp"
#include "importers/fields.hpp"

namespace kulanz::http {
namespace {
namespace json = boost::json;

// Amounts are decimal strings in major units plus the same amount as an integer of minor
// units ("amount": "1234.50", "amount_minor": 123450); never floating point.
constexpr const char* kResponseSchemas = R"json({
  "Decimal": {
    "type": "string",
    "pattern": "^-?[0-9]+(\\.[0-9]+)?$",
    "description": "An exact decimal amount in major units with as many decimals as the currency has (\"1234.50\")",
    "examples": ["1234.50"]
  },
  "Date": {"type": "string", "format": "date", "description": "ISO 8601 calendar date (YYYY-MM-DD)", "examples": ["2026-03-31"]},
  "Currency": {"type": "string", "pattern": "^[A-Z]{3}$", "description": "ISO 4217 currency code", "examples": ["EUR"]},
  "Problem": {
    "type": "object",
    "description": "RFC 9457 problem details. code is the number of the error in kulanz's registry; type is urn:kulanz:error:E<code>.",
    "required": ["type", "title", "status", "detail", "instance", "code"],
    "properties": {
      "type": {"type": "string", "examples": ["urn:kulanz:error:E5013"]},
      "title": {"type": "string"},
      "status": {"type": "integer"},
      "detail": {"type": "string", "description": "What exactly is wrong and how to fix it"},
      "instance": {"type": "string", "description": "The request path"},
      "code": {"type": "integer", "examples": [5013]},
      "field": {"type": "string", "description": "The field, query parameter or header concerned"},
      "errors": {"type": "array", "items": {"$ref": "#/components/schemas/ProblemItem"}}
    }
  },
  "ProblemItem": {
    "type": "object",
    "description": "One failure of one item of a request body",
    "required": ["index", "location", "field", "code", "detail"],
    "properties": {
      "index": {"type": ["integer", "null"], "minimum": 0, "description": "Position in items of a batch; null for a single-record body"},
      "location": {"type": "string", "examples": ["items[3]"]},
      "field": {"type": "string", "examples": ["due_date"]},
      "code": {"type": "integer", "examples": [2006]},
      "detail": {"type": "string"}
    }
  },
  "Customer": {
    "type": "object",
    "required": ["external_id", "name", "type", "language", "country", "key_account", "also_supplier", "time_zone"],
    "properties": {
      "external_id": {"type": "string"},
      "name": {"type": "string"},
      "type": {"type": "string", "enum": ["consumer", "business"]},
      "email": {"type": ["string", "null"]},
      "phone": {"type": ["string", "null"], "description": "E.164"},
      "mobile": {"type": ["string", "null"], "description": "E.164, for SMS"},
      "language": {"type": "string", "enum": ["de", "en"]},
      "country": {"type": "string"},
      "state": {"type": ["string", "null"], "description": "German state code (ISO 3166-2:DE suffix)"},
      "postal_code": {"type": "string"},
      "city": {"type": "string"},
      "street": {"type": "string"},
      "birth_date": {"type": ["string", "null"], "format": "date"},
      "key_account": {"type": "boolean"},
      "also_supplier": {"type": "boolean"},
      "time_zone": {"type": "string"},
      "risk_score": {"type": ["integer", "null"], "minimum": 0, "maximum": 100},
      "customer_since": {"type": ["string", "null"], "format": "date"},
      "email_consent": {"type": "boolean"},
      "sms_consent": {"type": "boolean"},
      "phone_consent": {"type": "boolean"},
      "lifetime_revenue_minor": {"type": "integer", "readOnly": true}
    }
  },
  "Invoice": {
    "type": "object",
    "required": ["external_id", "customer_external_id", "number", "kind", "issue_date", "due_date", "currency", "amount",
                 "amount_minor", "open", "open_minor", "status", "days_past_due"],
    "properties": {
      "external_id": {"type": "string"},
      "customer_external_id": {"type": "string"},
      "number": {"type": "string"},
      "kind": {"type": "string", "enum": ["invoice", "fee", "interest"], "readOnly": true},
      "issue_date": {"$ref": "#/components/schemas/Date"},
      "due_date": {"$ref": "#/components/schemas/Date"},
      "currency": {"$ref": "#/components/schemas/Currency"},
      "amount": {"$ref": "#/components/schemas/Decimal"},
      "amount_minor": {"type": "integer", "readOnly": true},
      "open": {"$ref": "#/components/schemas/Decimal", "readOnly": true},
      "open_minor": {"type": "integer", "readOnly": true},
      "skonto_percent": {"type": "string", "description": "Early-payment discount in percent (\"2\", \"2.5\")"},
      "skonto_days": {"type": "integer"},
      "status": {"type": "string", "enum": ["not_due", "due_today", "overdue", "paid"], "readOnly": true},
      "days_past_due": {"type": "integer", "description": "as_of minus due date; negative before the due date", "readOnly": true}
    }
  },
  "CreditNote": {
    "type": "object",
    "required": ["external_id", "customer_external_id", "number", "issue_date", "currency", "amount", "amount_minor",
                 "unallocated", "unallocated_minor", "invoice_external_id"],
    "properties": {
      "external_id": {"type": "string"},
      "customer_external_id": {"type": "string"},
      "number": {"type": "string"},
      "issue_date": {"$ref": "#/components/schemas/Date"},
      "currency": {"$ref": "#/components/schemas/Currency"},
      "amount": {"$ref": "#/components/schemas/Decimal"},
      "amount_minor": {"type": "integer", "readOnly": true},
      "unallocated": {"$ref": "#/components/schemas/Decimal", "readOnly": true},
      "unallocated_minor": {"type": "integer", "readOnly": true},
      "invoice_external_id": {"type": ["string", "null"]}
    }
  },
  "Payment": {
    "type": "object",
    "required": ["external_id", "customer_external_id", "value_date", "currency", "amount", "amount_minor", "unallocated",
                 "unallocated_minor", "reference"],
    "properties": {
      "external_id": {"type": "string"},
      "customer_external_id": {"type": "string"},
      "value_date": {"$ref": "#/components/schemas/Date"},
      "currency": {"$ref": "#/components/schemas/Currency"},
      "amount": {"$ref": "#/components/schemas/Decimal"},
      "amount_minor": {"type": "integer", "readOnly": true},
      "unallocated": {"$ref": "#/components/schemas/Decimal", "readOnly": true},
      "unallocated_minor": {"type": "integer", "readOnly": true},
      "reference": {"type": "string"}
    }
  },
  "BatchResult": {
    "type": "object",
    "required": ["records", "inserted", "updated", "unchanged"],
    "properties": {
      "records": {"type": "integer", "minimum": 0},
      "inserted": {"type": "integer", "minimum": 0},
      "updated": {"type": "integer", "minimum": 0},
      "unchanged": {"type": "integer", "minimum": 0}
    }
  },
  "Balance": {
    "type": "object",
    "required": ["customer_external_id", "as_of", "currency", "open_items", "open_items_minor", "unapplied", "unapplied_minor",
                 "balance", "balance_minor", "overdue", "overdue_minor"],
    "properties": {
      "customer_external_id": {"type": "string"},
      "as_of": {"$ref": "#/components/schemas/Date"},
      "currency": {"$ref": "#/components/schemas/Currency"},
      "open_items": {"$ref": "#/components/schemas/Decimal"},
      "open_items_minor": {"type": "integer"},
      "unapplied": {"$ref": "#/components/schemas/Decimal"},
      "unapplied_minor": {"type": "integer"},
      "balance": {"$ref": "#/components/schemas/Decimal", "description": "open_items - unapplied; negative means the customer has a credit"},
      "balance_minor": {"type": "integer"},
      "overdue": {"$ref": "#/components/schemas/Decimal"},
      "overdue_minor": {"type": "integer"}
    }
  },
  "AgingBucket": {
    "type": "object",
    "required": ["bucket", "amount", "amount_minor", "count"],
    "properties": {
      "bucket": {"type": "string", "enum": ["not_due", "d1_30", "d31_60", "d61_90", "over_90"],
                 "description": "Days past due: not yet due, 1-30, 31-60, 61-90, more than 90"},
      "amount": {"$ref": "#/components/schemas/Decimal"},
      "amount_minor": {"type": "integer"},
      "count": {"type": "integer", "minimum": 0}
    }
  },
  "Aging": {
    "type": "object",
    "required": ["currency", "total_open", "total_open_minor", "total_overdue", "total_overdue_minor", "buckets"],
    "properties": {
      "currency": {"$ref": "#/components/schemas/Currency"},
      "total_open": {"$ref": "#/components/schemas/Decimal"},
      "total_open_minor": {"type": "integer"},
      "total_overdue": {"$ref": "#/components/schemas/Decimal"},
      "total_overdue_minor": {"type": "integer"},
      "buckets": {"type": "array", "minItems": 5, "maxItems": 5, "items": {"$ref": "#/components/schemas/AgingBucket"}}
    }
  },
  "OpenItem": {
    "type": "object",
    "required": ["external_id", "number", "kind", "issue_date", "due_date", "currency", "amount", "amount_minor", "open",
                 "open_minor", "days_past_due", "aging_bucket"],
    "properties": {
      "external_id": {"type": "string"},
      "number": {"type": "string"},
      "kind": {"type": "string", "enum": ["invoice", "fee", "interest"]},
      "issue_date": {"$ref": "#/components/schemas/Date"},
      "due_date": {"$ref": "#/components/schemas/Date"},
      "currency": {"$ref": "#/components/schemas/Currency"},
      "amount": {"$ref": "#/components/schemas/Decimal"},
      "amount_minor": {"type": "integer"},
      "open": {"$ref": "#/components/schemas/Decimal"},
      "open_minor": {"type": "integer"},
      "days_past_due": {"type": "integer"},
      "aging_bucket": {"type": "string", "enum": ["not_due", "d1_30", "d31_60", "d61_90", "over_90"]}
    }
  },
  "OpenItems": {
    "type": "object",
    "required": ["customer_external_id", "as_of", "items", "aging"],
    "properties": {
      "customer_external_id": {"type": "string"},
      "as_of": {"$ref": "#/components/schemas/Date"},
      "items": {"type": "array", "items": {"$ref": "#/components/schemas/OpenItem"}},
      "aging": {"$ref": "#/components/schemas/Aging"}
    }
  },
  "StatementEntry": {
    "type": "object",
    "required": ["date", "kind", "reference", "external_id", "debit", "debit_minor", "credit", "credit_minor", "running_balance",
                 "running_balance_minor"],
    "properties": {
      "date": {"$ref": "#/components/schemas/Date"},
      "kind": {"type": "string", "enum": ["opening_balance", "invoice", "fee", "interest", "credit_note", "payment"]},
      "reference": {"type": "string", "description": "Item or credit note number, or the payment's remittance information"},
      "external_id": {"type": "string"},
      "debit": {"$ref": "#/components/schemas/Decimal", "description": "Increases what the customer owes"},
      "debit_minor": {"type": "integer"},
      "credit": {"$ref": "#/components/schemas/Decimal", "description": "Decreases what the customer owes"},
      "credit_minor": {"type": "integer"},
      "running_balance": {"$ref": "#/components/schemas/Decimal"},
      "running_balance_minor": {"type": "integer"}
    }
  },
  "Statement": {
    "type": "object",
    "required": ["customer_external_id", "from", "to", "currency", "opening_balance", "opening_balance_minor", "entries",
                 "closing_balance", "closing_balance_minor"],
    "properties": {
      "customer_external_id": {"type": "string"},
      "from": {"$ref": "#/components/schemas/Date"},
      "to": {"$ref": "#/components/schemas/Date"},
      "currency": {"$ref": "#/components/schemas/Currency"},
      "opening_balance": {"$ref": "#/components/schemas/Decimal"},
      "opening_balance_minor": {"type": "integer"},
      "entries": {"type": "array", "items": {"$ref": "#/components/schemas/StatementEntry"}},
      "closing_balance": {"$ref": "#/components/schemas/Decimal"},
      "closing_balance_minor": {"type": "integer"}
    }
  },
  "Summary": {
    "type": "object",
    "required": ["as_of", "customers", "invoices", "open_items", "aging"],
    "properties": {
      "as_of": {"$ref": "#/components/schemas/Date"},
      "customers": {"type": "integer", "minimum": 0},
      "invoices": {"type": "integer", "minimum": 0},
      "open_items": {"type": "integer", "minimum": 0},
      "aging": {"$ref": "#/components/schemas/Aging"}
    }
  }
})json";

json::object input_property(const importers::FieldSpec& f) {
  using importers::FieldType;
  json::object p;
  json::array types;
  switch (f.type) {
    case FieldType::amount:
      types = {"string", "number"};
      p["description"] = std::string(f.description) + ". A decimal string (\"1234.50\") or a JSON number, read from its exact text";
      break;
    case FieldType::date:
      types = {"string"};
      p["description"] = std::string(f.description) + ". YYYY-MM-DD (DD.MM.YYYY is accepted too)";
      break;
    case FieldType::boolean:
      types = {"boolean", "string"};
      p["description"] = std::string(f.description) + ". true/false (yes/no, ja/nein, 1/0 as strings)";
      break;
    case FieldType::integer:
      types = {"integer", "string"};
      break;
    case FieldType::percent:
      types = {"number", "string"};
      break;
    default:
      types = {"string"};
      break;
  }
  if (!f.required) types.push_back("null");
  p["type"] = std::move(types);
  if (!p.contains("description")) p["description"] = f.description;
  return p;
}

// What clients send: the importer's canonical fields. Output members that the server
// computes may be sent back unchanged and are ignored; anything else is rejected.
json::object input_schema(const RecordResource& r) {
  json::object properties;
  json::array required;
  for (const auto& f : importers::fields_of(r.kind)) {
    properties[f.name] = input_property(f);
    if (f.required && f.name != "external_id") required.push_back(json::string(f.name));
  }
  for (const auto& name : r.read_only_fields) {
    if (properties.contains(name)) continue;
    properties[name] = json::object{{"description", "Computed by kulanz; ignored when sent"}, {"readOnly", true}};
  }
  json::object s;
  s["type"] = "object";
  s["description"] = "A " + r.noun + " as sent to PUT (external_id may be omitted: the path names it) or in a batch.";
  s["properties"] = std::move(properties);
  if (!required.empty()) s["required"] = std::move(required);
  s["additionalProperties"] = false;
  return s;
}

json::object schema_ref(const std::string& name) { return json::object{{"$ref", "#/components/schemas/" + name}}; }

json::object page_schema(const RecordResource& r) {
  json::object s;
  s["type"] = "object";
  s["required"] = json::array{"items", "next_cursor", "next"};
  s["properties"] = json::object{
      {"items", json::object{{"type", "array"}, {"items", schema_ref(r.schema)}}},
      {"next_cursor", json::object{{"type", json::array{"string", "null"}},
                                   {"description", "Pass as ?cursor= for the next page; null on the last page"}}},
      {"next", json::object{{"type", json::array{"string", "null"}},
                            {"description", "Path and query of the next page (also sent as a Link header with rel=\"next\"); "
                                            "null on the last page"}}},
  };
  return s;
}

json::object batch_schema(const RecordResource& r) {
  json::object item;
  item["allOf"] = json::array{schema_ref(r.schema + "Input"), json::object{{"required", json::array{"external_id"}}}};
  json::object s;
  s["type"] = "object";
  s["required"] = json::array{"items"};
  s["additionalProperties"] = false;
  s["properties"] = json::object{{"items", json::object{{"type", "array"}, {"items", std::move(item)}}}};
  return s;
}

}  // namespace

json::object openapi_schemas() {
  json::object schemas = json::parse(kResponseSchemas).as_object();
  for (auto& [name, schema] : engine_schemas()) schemas[name] = schema;
  for (auto& [name, schema] : comms_schemas()) schemas[name] = schema;
  for (auto& [name, schema] : dispatch_schemas()) schemas[name] = schema;
  for (const auto& r : record_resources()) {
    schemas[r.schema + "Input"] = input_schema(r);
    schemas[r.schema + "Page"] = page_schema(r);
    schemas[r.schema + "Batch"] = batch_schema(r);
  }
  return schemas;
}

}  // namespace kulanz::http
