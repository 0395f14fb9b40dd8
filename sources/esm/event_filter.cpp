#include "sources/esm/event_filter.hpp"

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"

namespace lemu::sources::esm {
namespace {

using Json = nlohmann::json;
using Record = nlohmann::ordered_json;

AwsError invalid_pattern() {
    return AwsError(ErrorCode::InvalidParameterValue, "Invalid filter pattern definition.");
}

bool valid_numeric(const Json& operand) {
    if (!operand.is_array() || operand.empty() || operand.size() % 2 != 0 || operand.size() > 4) {
        return false;
    }
    for (std::size_t i = 0; i < operand.size(); i += 2) {
        const Json& op = operand[i];
        if (!op.is_string() || !operand[i + 1].is_number()) {
            return false;
        }
        const auto& text = op.get_ref<const std::string&>();
        if (text != "<" && text != "<=" && text != "=" && text != ">" && text != ">=") {
            return false;
        }
    }
    return true;
}

bool valid_operator(const Json& matcher) {
    if (matcher.size() != 1) {
        return false;
    }
    const std::string& name = matcher.begin().key();
    const Json& operand = matcher.begin().value();
    if (name == "prefix" || name == "suffix" || name == "equals-ignore-case") {
        return operand.is_string();
    }
    if (name == "exists") {
        return operand.is_boolean();
    }
    if (name == "numeric") {
        return valid_numeric(operand);
    }
    if (name == "anything-but") {
        return operand.is_primitive() || (operand.is_array() && !operand.empty()) ||
               (operand.is_object() && operand.size() == 1 && operand.contains("prefix"));
    }
    return false;
}

bool valid_pattern(const Json& pattern) {
    if (!pattern.is_object() || pattern.empty()) {
        return false;
    }
    for (const auto& [key, value] : pattern.items()) {
        if (value.is_object()) {
            if (!valid_pattern(value)) {
                return false;
            }
        } else if (value.is_array()) {
            if (value.empty()) {
                return false;
            }
            for (const Json& alternative : value) {
                if (!(alternative.is_primitive() ||
                      (alternative.is_object() && valid_operator(alternative)))) {
                    return false;
                }
            }
        } else {
            return false;
        }
    }
    return true;
}

bool equal_values(const Json& literal, const Record& value) {
    if (literal.is_number() && value.is_number()) {
        return literal.get<double>() == value.get<double>();
    }
    return Record(literal) == value;
}

bool numeric_matches(const Json& operand, const Record& value) {
    if (!value.is_number()) {
        return false;
    }
    const double v = value.get<double>();
    for (std::size_t i = 0; i < operand.size(); i += 2) {
        const auto& op = operand[i].get_ref<const std::string&>();
        const double bound = operand[i + 1].get<double>();
        const bool ok = op == "<"    ? v < bound
                        : op == "<=" ? v <= bound
                        : op == "="  ? v == bound
                        : op == ">"  ? v > bound
                                     : v >= bound;
        if (!ok) {
            return false;
        }
    }
    return true;
}

bool operator_matches(const Json& matcher, const Record* value) {
    const std::string& name = matcher.begin().key();
    const Json& operand = matcher.begin().value();
    if (name == "exists") {
        return operand.get<bool>() == (value != nullptr);
    }
    if (value == nullptr) {
        return false;
    }
    if (name == "numeric") {
        return numeric_matches(operand, *value);
    }
    if (name == "anything-but") {
        if (operand.is_object()) {
            return value->is_string() && !value->get_ref<const std::string&>().starts_with(
                                             operand["prefix"].get_ref<const std::string&>());
        }
        if (operand.is_array()) {
            for (const Json& excluded : operand) {
                if (equal_values(excluded, *value)) {
                    return false;
                }
            }
            return true;
        }
        return !equal_values(operand, *value);
    }
    if (!value->is_string()) {
        return false;
    }
    const auto& text = value->get_ref<const std::string&>();
    const auto& needle = operand.get_ref<const std::string&>();
    if (name == "prefix") {
        return text.starts_with(needle);
    }
    if (name == "suffix") {
        return text.ends_with(needle);
    }
    return iequals(text, needle);  // equals-ignore-case
}

bool alternative_matches(const Json& alternative, const Record* value) {
    if (alternative.is_object()) {
        if (value != nullptr && value->is_array()) {
            for (const Record& element : *value) {
                if (operator_matches(alternative, &element)) {
                    return true;
                }
            }
            return alternative.contains("exists") && alternative["exists"].get<bool>();
        }
        return operator_matches(alternative, value);
    }
    if (value == nullptr) {
        return false;
    }
    if (value->is_array()) {
        for (const Record& element : *value) {
            if (equal_values(alternative, element)) {
                return true;
            }
        }
        return false;
    }
    return equal_values(alternative, *value);
}

bool object_matches(const Json& pattern, const Record& value) {
    for (const auto& [key, expected] : pattern.items()) {
        const Record* field = value.is_object() && value.contains(key) ? &value[key] : nullptr;
        if (expected.is_object()) {
            if (field == nullptr || !object_matches(expected, *field)) {
                return false;
            }
            continue;
        }
        bool any = false;
        for (const Json& alternative : expected) {
            if (alternative_matches(alternative, field)) {
                any = true;
                break;
            }
        }
        if (!any) {
            return false;
        }
    }
    return true;
}

}  // namespace

EventFilter EventFilter::parse(std::string_view criteria) {
    EventFilter filter;
    if (criteria.empty()) {
        return filter;
    }
    Json doc = Json::parse(criteria, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        throw invalid_pattern();
    }
    if (!doc.contains("Filters") || doc["Filters"].is_null()) {
        return filter;
    }
    if (!doc["Filters"].is_array()) {
        throw invalid_pattern();
    }
    for (const Json& entry : doc["Filters"]) {
        if (!entry.is_object() || !entry.contains("Pattern") || !entry["Pattern"].is_string()) {
            throw invalid_pattern();
        }
        Json pattern = Json::parse(entry["Pattern"].get<std::string>(), nullptr, false);
        if (pattern.is_discarded() || !valid_pattern(pattern)) {
            throw invalid_pattern();
        }
        filter.patterns_.push_back(std::move(pattern));
    }
    return filter;
}

bool EventFilter::matches(const Record& record) const {
    if (patterns_.empty()) {
        return true;
    }
    // The body is matched as JSON when it is a JSON object, else as the plain string it is.
    Record view = record;
    if (record.contains("body") && record["body"].is_string()) {
        Record body = Record::parse(record["body"].get_ref<const std::string&>(), nullptr, false);
        if (!body.is_discarded() && body.is_object()) {
            view["body"] = std::move(body);
        }
    }
    for (const Json& pattern : patterns_) {
        if (object_matches(pattern, view)) {
            return true;
        }
    }
    return false;
}

}  // namespace lemu::sources::esm
