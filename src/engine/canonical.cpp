// Canonical text of a strategy, the basis of its version fingerprint.
#include <string>

#include "engine/collection.hpp"

namespace kulanz::engine {
namespace {

void append_steps(std::string& out, const std::vector<Step>& steps) {
  for (const Step& st : steps) {
    out += "step day=" + std::to_string(st.day) + " kind=" + std::string(to_string(st.kind)) + " channels=";
    for (StepChannel ch : st.channels) out += std::string(to_string(ch)) + ",";
    out += " template=" + st.template_name;
    out += " tone=" + (st.tone ? std::string(to_string(*st.tone)) : std::string("-"));
    out += " fee_type=" + (st.fee_type ? std::string(to_string(*st.fee_type)) : std::string("-"));
    out += " fee=" + (st.fee_minor ? std::to_string(*st.fee_minor) : std::string("-"));
    out += " min_open=" + (st.min_open_minor ? std::to_string(*st.min_open_minor) : std::string("-"));
    out += " customer_type=" + (st.customer_type ? std::string(domain::to_string(*st.customer_type)) : std::string("-"));
    out += std::string(" no_reaction=") + (st.only_if_no_reaction_since_last_step ? "1" : "0");
    out += std::string(" optional=") + (st.optional ? "1" : "0") + "\n";
  }
}

}  // namespace

std::string canonical_text(const Strategy& s) {
  std::string out = "strategy " + s.name + "\nsegment " + s.segment + "\nexperiment " + s.experiment +
                    "\nholdout " + std::to_string(s.holdout) + "\n";
  append_steps(out, s.steps);
  for (const Variant& v : s.variants) {
    out += "variant " + v.name + " share=" + std::to_string(v.share) + "\n";
    append_steps(out, v.steps);
  }
  return out;
}

}  // namespace kulanz::engine
