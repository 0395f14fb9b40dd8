#pragma once
// Lambda event filtering for SQS mappings (FilterCriteria; sources.md fact 28): a record is handed to the
// function when it matches ANY of the filters; records that match none are deleted without an invoke.
// Patterns follow the EventBridge syntax Lambda documents for event filtering: nested objects select
// fields of the record (a JSON body is matched as JSON, any other body as a plain string); a leaf is a
// non-empty array of alternatives, each a literal (string, number, boolean, null) or one of
// {"prefix": s}, {"suffix": s}, {"equals-ignore-case": s}, {"exists": bool}, {"anything-but": v | [v...]},
// {"numeric": [op, n (, op, n)]}.

#include <nlohmann/json.hpp>
#include <string_view>
#include <vector>

namespace lemu::sources::esm {

class EventFilter {
  public:
    // Parses FilterCriteria as its JSON text ({"Filters":[{"Pattern":"<json text>"}, ...]}); empty text
    // filters nothing. Throws AwsError InvalidParameterValueException "Invalid filter pattern definition."
    static EventFilter parse(std::string_view criteria);

    bool empty() const { return patterns_.empty(); }
    // `record` is one element of the event's Records as built by build_sqs_event().
    bool matches(const nlohmann::ordered_json& record) const;

  private:
    std::vector<nlohmann::json> patterns_;
};

}  // namespace lemu::sources::esm
