#pragma once
// The one registry of numbered error codes. A code is never reused or renumbered;
// retired codes stay listed with a note. Each entry: number, name, HTTP status, message
// shown to the user (the detail of the specific case is carried by Error::detail).
//
// Ranges: 1xxx general, 2xxx values (money, dates, ids), 3xxx import, 4xxx storage,
//         5xxx HTTP/API/authentication, 6xxx ledger rules and law, 7xxx collection engine,
//         8xxx communications and documents, 9xxx customer portal and payments.
#define KULANZ_ERROR_CODES(X)                                                                   \
  X(1000, internal, 500, "Internal error")                                                      \
  X(1001, invalid_argument, 400, "Invalid argument")                                            \
  X(1002, not_found, 404, "Not found")                                                          \
  X(1003, conflict, 409, "Conflict with the current state")                                     \
  X(1004, config_invalid, 400, "Invalid configuration")                                         \
  X(1005, io_error, 500, "File could not be read or written")                                   \
  X(2001, money_overflow, 422, "Amount out of range")                                           \
  X(2002, currency_unknown, 422, "Unknown currency (expected an ISO 4217 code such as EUR)")    \
  X(2003, currency_mismatch, 422, "Amounts in different currencies cannot be combined")         \
  X(2004, amount_invalid, 422, "Invalid amount")                                                \
  X(2005, amount_precision, 422, "Amount has more decimals than the currency allows")           \
  X(2006, date_invalid, 422, "Invalid date (expected YYYY-MM-DD or DD.MM.YYYY)")                \
  X(2007, percent_invalid, 422, "Invalid percentage")                                           \
  X(2008, enum_invalid, 422, "Value not allowed here")                                          \
  X(2009, required_missing, 422, "Required value missing")                                      \
  X(2010, text_too_long, 422, "Text too long")                                                  \
  X(2011, email_invalid, 422, "Invalid email address")                                          \
  X(2012, phone_invalid, 422, "Invalid phone number")                                           \
  X(2013, id_invalid, 422, "Invalid identifier")                                                \
  X(2014, country_invalid, 422, "Invalid country (expected ISO 3166-1 alpha-2 such as DE)")     \
  X(2015, state_invalid, 422, "Invalid German state (expected a code such as BY or NW)")        \
  X(2016, language_invalid, 422, "Invalid language (expected de or en)")                        \
  X(2017, boolean_invalid, 422, "Invalid yes/no value")                                         \
  X(2018, timezone_invalid, 422, "Unknown time zone")                                           \
  X(3001, import_header_missing, 422, "The file has no header row")                             \
  X(3002, import_column_unknown, 422, "Unknown column in header")                               \
  X(3003, import_column_missing, 422, "A required column is missing from the header")           \
  X(3004, import_column_duplicate, 422, "Column appears twice in the header")                   \
  X(3005, import_row_malformed, 422, "Malformed row")                                           \
  X(3006, import_encoding, 422, "Text is not valid in the detected encoding")                   \
  X(3007, import_reference_unknown, 422, "Referenced record does not exist")                    \
  X(3008, import_duplicate_key, 422, "The same external id appears twice in the file")          \
  X(3009, import_due_before_issue, 422, "Due date lies before the issue date")                  \
  X(3010, import_format_unknown, 422, "Unknown file format (expected .csv or .jsonl)")          \
  X(3011, import_json_invalid, 422, "Line is not a valid JSON object")                          \
  X(3012, import_immutable_field, 422, "Field cannot change on re-import")                      \
  X(4001, db_unavailable, 503, "Database unavailable")                                          \
  X(4002, db_constraint, 409, "Database constraint violated")                                   \
  X(4003, db_migration, 500, "Database migration failed")                                       \
  X(4004, db_url_invalid, 400, "Invalid database address (expected sqlite:PATH or postgresql://...)") \
  X(4005, db_schema_newer, 500, "Database schema is newer than this program")                   \
  X(4006, db_error, 500, "Database error")                                                      \
  X(5001, unauthorized, 401, "Authentication required")                                         \
  X(5002, forbidden, 403, "Not allowed")                                                        \
  X(5003, route_not_found, 404, "No such route")                                                \
  X(5004, method_not_allowed, 405, "Method not allowed on this route")                          \
  X(5005, body_invalid_json, 400, "Request body is not valid JSON")                             \
  X(5006, body_too_large, 413, "Request body too large")                                        \
  X(5007, cursor_invalid, 400, "Invalid pagination cursor")                                     \
  X(5008, batch_invalid, 422, "One or more items of the batch are invalid; nothing was written") \
  X(5009, login_failed, 401, "Email or password is wrong")                                      \
  X(5010, csrf_invalid, 403, "The form expired or was sent from elsewhere; reload and try again") \
  X(5011, unsupported_media_type, 415, "Unsupported content type (expected application/json)")  \
  X(5012, too_many_requests, 429, "Too many attempts; wait and try again")                      \
  X(5013, query_invalid, 400, "Invalid query parameter")                                        \
  X(5014, body_field_unknown, 422, "Unknown field in the request body")                         \
  X(5015, body_shape_invalid, 422, "The request body does not have the documented shape")       \
  X(5016, external_id_mismatch, 422, "The external id in the body differs from the one in the path") \
  X(5017, batch_too_large, 413, "Too many items in one batch")                                  \
  X(6001, allocation_exceeds_payment, 422, "Allocation exceeds what is left of the payment")    \
  X(6002, allocation_exceeds_item, 422, "Allocation exceeds what is open on the item")          \
  X(6003, creditor_unknown, 404, "Unknown creditor")                                            \
  X(6004, customer_unknown, 404, "Unknown customer")                                            \
  X(6005, invoice_unknown, 404, "Unknown invoice")                                              \
  X(6006, credit_note_exceeds_invoice, 422, "Credit note larger than the invoice it refers to") \
  X(6007, ledger_inconsistent, 500, "The ledger records of this customer do not add up")     \
  X(6008, base_rate_table_invalid, 422, "The base-rate table is invalid")                       \
  X(6009, base_rate_unknown, 422, "No confirmed base rate is known for part of the period")     \
  X(6010, surcharge_forbidden, 422, "A surcharge for this payment method is not allowed (§270a BGB)") \
  X(7001, collection_invalid, 422, "The collection file (segments, strategies, contact policy) is invalid") \
  X(7002, hold_unknown, 404, "Unknown hold")                                                    \
  X(7003, hold_already_ended, 409, "The hold has already ended")                                \
  X(7004, segment_unknown, 422, "Unknown segment")                                              \
  X(7005, run_unknown, 404, "Unknown run")                                                      \
  X(7006, strategy_missing, 422, "No strategy for the customer's segment")                        \
  X(8001, iban_invalid, 422, "Invalid IBAN")                                                    \
  X(8002, bic_invalid, 422, "Invalid BIC")                                                      \
  X(8003, reference_invalid, 422, "Invalid creditor reference (ISO 11649 RF)")                   \
  X(8004, giro_code_invalid, 422, "The payment cannot be written as an EPC QR code (GiroCode)")  \
  X(8005, template_invalid, 422, "Invalid template")                                            \
  X(8006, template_missing, 422, "No template for this message")                                \
  X(8007, render_failed, 500, "The document could not be rendered")                            \
  X(8008, message_obsolete, 409, "The message is no longer due: its items were paid, credited or put on hold") \
  X(8009, document_type_invalid, 422, "The file is not of an accepted type (judged by its content, not its name)") \
  X(8010, document_too_large, 413, "The file is larger than allowed")                          \
  X(8011, direct_debit_invalid, 422, "The direct debits cannot be written as a SEPA pain.008 file") \
  X(9001, portal_file_invalid, 422, "The portal file is not valid")                             \
  X(9002, portal_request_invalid, 422, "The request does not fit what the portal offers")       \
  X(9101, payment_metadata_invalid, 422, "Invalid payment metadata (at most 50 keys of up to 40 characters without square brackets, values up to 500 characters)") \
  X(9102, return_url_invalid, 422, "Invalid return address of the payment page (expected an absolute http:// or https:// URL)") \
  X(9103, idempotency_key_invalid, 422, "Invalid idempotency key (1 to 255 printable ASCII characters without spaces)") \
  X(9104, payment_event_invalid, 400, "The payment provider's event could not be read")               \
  X(9105, collection_date_invalid, 422, "Direct debits cannot be collected on that day (a TARGET2 business day after today is needed)")

namespace kulanz::base {

enum class ErrorCode : int {
#define KULANZ_X(num, name, status, msg) name = num,
  KULANZ_ERROR_CODES(KULANZ_X)
#undef KULANZ_X
};

struct ErrorInfo {
  ErrorCode code;
  const char* name;
  int http_status;
  const char* message;
};

// Looks up the registry entry; every ErrorCode value has one.
const ErrorInfo& error_info(ErrorCode code);
// All entries, in registry order (for docs and tests).
const ErrorInfo* error_registry_begin();
const ErrorInfo* error_registry_end();

}  // namespace kulanz::base
