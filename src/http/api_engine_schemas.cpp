// Schemas of the collection engine's API (api_engine.cpp builds these shapes).
#include <boost/json.hpp>

#include "http/api_engine.hpp"

namespace kulanz::http {
namespace {

constexpr const char* kEngineSchemas = R"json({
  "CollectionFile": {
    "type": "object",
    "required": ["version", "content", "sha256", "note"],
    "properties": {
      "version": {"type": "integer", "description": "Collection file version of the creditor (1, 2, ...)"},
      "content": {"type": "string", "description": "The TOML text (docs/STRATEGIES.md)"},
      "sha256": {"type": "string"},
      "note": {"type": "string"}
    }
  },
  "CollectionFileInput": {
    "type": "object",
    "required": ["content"],
    "additionalProperties": false,
    "properties": {
      "content": {"type": "string", "description": "The collection file as TOML text"},
      "note": {"type": "string", "description": "Why it changed; kept with the version"}
    }
  },
  "CollectionLoaded": {
    "type": "object",
    "required": ["version", "changed", "new_strategy_versions"],
    "properties": {
      "version": {"type": "integer"},
      "changed": {"type": "boolean", "description": "false when the content equals the current version"},
      "new_strategy_versions": {"type": "array", "items": {"type": "string"}, "examples": [["consumer v2"]]}
    }
  },
  "SegmentList": {
    "type": "object",
    "required": ["collection_version", "items"],
    "properties": {
      "collection_version": {"type": "integer"},
      "items": {"type": "array", "items": {
        "type": "object",
        "required": ["rule", "name", "conditions", "default"],
        "properties": {
          "rule": {"type": "integer", "description": "Position; the first matching rule wins"},
          "name": {"type": "string"},
          "description": {"type": "string"},
          "conditions": {"type": "array", "items": {"type": "string"}, "examples": [["type = consumer", "age < 45"]]},
          "default": {"type": "boolean"},
          "strategy": {"type": ["string", "null"]}
        }
      }}
    }
  },
  "Step": {
    "type": "object",
    "required": ["day", "kind", "channels"],
    "properties": {
      "day": {"type": "integer", "description": "Days relative to the due date; negative before it"},
      "kind": {"type": "string", "enum": ["reminder", "notice", "statement", "fee", "interest", "call_task", "handover", "court_dunning_prep"]},
      "channels": {"type": "array", "items": {"type": "string", "enum": ["email", "sms", "letter", "call", "webhook"]}},
      "template": {"type": ["string", "null"]},
      "tone": {"type": ["string", "null"], "enum": ["friendly", "neutral", "firm", null]},
      "fee_type": {"type": ["string", "null"]},
      "fee": {"type": ["string", "null"]},
      "min_open": {"type": ["string", "null"]},
      "customer_type": {"type": ["string", "null"]},
      "only_if_no_reaction": {"type": "boolean"},
      "optional": {"type": "boolean"}
    }
  },
  "StrategyList": {
    "type": "object",
    "required": ["collection_version", "items"],
    "properties": {
      "collection_version": {"type": "integer"},
      "items": {"type": "array", "items": {
        "type": "object",
        "required": ["name", "segment", "version", "steps", "variants", "versions"],
        "properties": {
          "name": {"type": "string"},
          "segment": {"type": "string"},
          "description": {"type": "string"},
          "version": {"type": "integer", "description": "The version new journeys start on"},
          "experiment": {"type": "string"},
          "holdout": {"type": "integer", "description": "Percent of customers who get no optional steps"},
          "steps": {"type": "array", "items": {"$ref": "#/components/schemas/Step"}},
          "variants": {"type": "array", "items": {"type": "object", "properties": {
            "name": {"type": "string"}, "share": {"type": "integer"},
            "steps": {"type": "array", "items": {"$ref": "#/components/schemas/Step"}}}}},
          "versions": {"type": "array", "items": {"type": "object", "properties": {
            "version": {"type": "integer"}, "collection_version": {"type": "integer"}, "segment": {"type": "string"},
            "fingerprint": {"type": "string"}, "created_unix": {"type": "integer"}}}}
        }
      }}
    }
  },
  "RunInput": {
    "type": "object",
    "additionalProperties": false,
    "properties": {
      "as_of": {"$ref": "#/components/schemas/Date"},
      "dry_run": {"type": "boolean", "description": "Evaluate and return decisions; write nothing"}
    }
  },
  "RunReport": {
    "type": "object",
    "description": "Counts of a run: customers per segment, decisions per kind, actions per step, messages and tasks per channel, deferrals per policy rule",
    "properties": {
      "run_id": {"type": "integer"}, "as_of": {"type": "string"}, "dry_run": {"type": "boolean"},
      "customers": {"type": "integer"}, "in_journey": {"type": "integer"},
      "journeys_started": {"type": "integer"}, "journeys_ended": {"type": "integer"},
      "per_segment": {"type": "object", "additionalProperties": {"type": "integer"}},
      "per_decision": {"type": "object", "additionalProperties": {"type": "integer"}},
      "per_step": {"type": "object", "additionalProperties": {"type": "integer"}},
      "per_channel": {"type": "object", "additionalProperties": {"type": "integer"}},
      "deferrals": {"type": "object", "additionalProperties": {"type": "integer"}},
      "outbox_new": {"type": "integer"}, "outbox_existing": {"type": "integer"},
      "tasks_new": {"type": "integer"}, "escalations_new": {"type": "integer"},
      "fees_posted": {"type": "string"}, "interest_posted": {"type": "string"},
      "holds_broken": {"type": "integer"}, "currency": {"type": "string"}
    }
  },
  "RunStarted": {
    "type": "object",
    "required": ["run_id", "report"],
    "properties": {
      "run_id": {"type": ["integer", "null"], "description": "null for a dry run"},
      "report": {"$ref": "#/components/schemas/RunReport"},
      "decisions": {"type": "array", "items": {"$ref": "#/components/schemas/Decision"}}
    }
  },
  "Run": {
    "type": "object",
    "required": ["id", "as_of", "status", "started_unix"],
    "properties": {
      "id": {"type": "integer"},
      "as_of": {"$ref": "#/components/schemas/Date"},
      "status": {"type": "string", "enum": ["running", "finished", "failed"]},
      "started_unix": {"type": "integer"},
      "finished_unix": {"type": ["integer", "null"]},
      "report": {"oneOf": [{"$ref": "#/components/schemas/RunReport"}, {"type": "null"}]}
    }
  },
  "RunList": {
    "type": "object",
    "required": ["items"],
    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Run"}}}
  },
  "Decision": {
    "type": "object",
    "required": ["kind", "customer_external_id", "as_of", "reason", "items"],
    "properties": {
      "id": {"type": "integer"},
      "run_id": {"type": "integer"},
      "customer_external_id": {"type": "string"},
      "as_of": {"$ref": "#/components/schemas/Date"},
      "kind": {"type": "string", "enum": ["send_message", "create_task", "post_fee", "post_interest", "escalate", "defer", "skip"]},
      "segment": {"type": "string"},
      "strategy": {"type": "string"},
      "version": {"type": "integer"},
      "variant": {"type": "string"},
      "step": {"type": ["integer", "null"]},
      "step_kind": {"type": ["string", "null"]},
      "channel": {"type": ["string", "null"]},
      "items": {"type": "array", "items": {"type": "string"}, "description": "External ids of the items concerned"},
      "amount": {"$ref": "#/components/schemas/Decimal"},
      "amount_minor": {"type": "integer"},
      "currency": {"type": "string"},
      "deferred_until": {"type": ["string", "null"], "format": "date"},
      "policy_rule": {"type": ["string", "null"], "examples": ["sunday", "public_holiday", "frequency_cap", "min_gap"]},
      "reason": {"type": "string"},
      "idempotency_key": {"type": ["string", "null"]}
    }
  },
  "DecisionPage": {
    "type": "object",
    "required": ["items", "next_after"],
    "properties": {
      "items": {"type": "array", "items": {"$ref": "#/components/schemas/Decision"}},
      "next_after": {"type": ["integer", "null"], "description": "Pass as ?after= for the next page; null on the last page"}
    }
  },
  "Explanation": {
    "type": "object",
    "required": ["customer_external_id", "as_of", "segment", "facts", "journey", "items", "decisions", "interest"],
    "properties": {
      "customer_external_id": {"type": "string"},
      "as_of": {"$ref": "#/components/schemas/Date"},
      "collection_version": {"type": "integer"},
      "segment": {"type": "object", "properties": {"name": {"type": "string"}, "rule": {"type": ["integer", "string"]}, "explanation": {"type": "string"}}},
      "facts": {"type": "object"},
      "journey": {"type": ["object", "null"]},
      "items": {"type": "array", "items": {"type": "object", "properties": {
        "number": {"type": "string"}, "due_date": {"type": "string"}, "open": {"type": "string"},
        "days_on_hold": {"type": "integer"}, "hold": {"type": ["string", "null"]}, "limitation": {"type": "string"},
        "steps": {"type": "array", "items": {"type": "object", "properties": {
          "step": {"type": "integer"}, "kind": {"type": "string"}, "day": {"type": "integer"},
          "date": {"type": ["string", "null"]},
          "status": {"type": "string", "enum": ["done", "skipped", "due", "deferred", "waiting", "on_hold", "not_applicable"]},
          "note": {"type": "string"}}}}}}},
      "decisions": {"type": "array", "items": {"$ref": "#/components/schemas/Decision"}},
      "interest": {"type": "array", "items": {"type": "object"}},
      "notes": {"type": "array", "items": {"type": "string"}}
    }
  },
  "SegmentOverrideInput": {
    "type": "object",
    "required": ["segment", "until", "reason"],
    "additionalProperties": false,
    "properties": {
      "segment": {"type": "string"},
      "until": {"$ref": "#/components/schemas/Date"},
      "reason": {"type": "string"}
    }
  },
  "SegmentOverride": {
    "type": "object",
    "required": ["id", "customer_external_id", "segment", "until", "reason"],
    "properties": {
      "id": {"type": "integer"}, "customer_external_id": {"type": "string"}, "segment": {"type": "string"},
      "until": {"$ref": "#/components/schemas/Date"}, "reason": {"type": "string"}
    }
  },
  "Hold": {
    "type": "object",
    "required": ["id", "customer_external_id", "kind", "items", "from", "reason"],
    "properties": {
      "id": {"type": "integer"},
      "customer_external_id": {"type": "string"},
      "kind": {"type": "string", "enum": ["dispute", "payment_plan", "promise_to_pay", "insolvency", "deceased", "manual"]},
      "items": {"type": "array", "items": {"type": "string"}, "description": "Invoice external ids; empty = all the customer's items"},
      "from": {"$ref": "#/components/schemas/Date"},
      "until": {"type": ["string", "null"], "format": "date"},
      "ended_on": {"type": ["string", "null"], "format": "date"},
      "end": {"type": ["string", "null"], "enum": ["ended", "broken", null]},
      "reason": {"type": "string"},
      "created_by": {"type": "string"}
    }
  },
  "HoldInput": {
    "type": "object",
    "required": ["customer_external_id", "kind", "reason"],
    "additionalProperties": false,
    "properties": {
      "customer_external_id": {"type": "string"},
      "kind": {"type": "string", "enum": ["dispute", "payment_plan", "promise_to_pay", "insolvency", "deceased", "manual"]},
      "items": {"type": ["array", "null"], "items": {"type": "string"}},
      "from": {"type": ["string", "null"], "format": "date"},
      "until": {"type": ["string", "null"], "format": "date"},
      "reason": {"type": "string"}
    }
  },
  "HoldEndInput": {
    "type": "object",
    "additionalProperties": false,
    "properties": {
      "on": {"type": ["string", "null"], "format": "date"},
      "broken": {"type": "boolean"}
    }
  },
  "HoldList": {
    "type": "object",
    "required": ["items"],
    "properties": {"items": {"type": "array", "items": {"$ref": "#/components/schemas/Hold"}}}
  }
})json";

}  // namespace

boost::json::object engine_schemas() { return boost::json::parse(kEngineSchemas).as_object(); }

}  // namespace kulanz::http
