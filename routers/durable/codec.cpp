#include "routers/durable/codec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"
#include "emulator/durable/wire_codec.hpp"

namespace lemu::routers::durable {

using nlohmann::json;
namespace wire = lemu::durable::wire;

namespace {

constexpr std::string_view kArnPattern =
    "arn:([a-zA-Z0-9-]+):lambda:([a-zA-Z0-9-]+):(\\d{12}):function:([a-zA-Z0-9_-]+):(\\$LATEST(?:\\.PUBLISHED)?|[0-9]+)"
    "/durable-execution/([a-zA-Z0-9_-]+)/([a-zA-Z0-9_-]+)";
constexpr std::string_view kTokenPattern = "[A-Za-z0-9+/]+={0,2}";

bool all_of(std::string_view s, bool (*pred)(char)) {
    return !s.empty() && std::all_of(s.begin(), s.end(), pred);
}
bool word(char c) { return is_alnum(c) || c == '-' || c == '_'; }
bool alnum_dash(char c) { return is_alnum(c) || c == '-'; }
bool digit(char c) { return is_digit(c); }
bool base64_char(char c) { return is_alnum(c) || c == '+' || c == '/'; }

bool base64_text(std::string_view s) {
    std::size_t end = s.size();
    while (end > 0 && s[end - 1] == '=' && s.size() - end < 2) {
        --end;
    }
    return all_of(s.substr(0, end), base64_char);
}

AwsError null_value(std::string_view field) {
    return AwsError(ErrorCode::Validation,
                    fmt::format("1 validation error detected: Value null at '{}' failed to satisfy constraint: "
                                "Member must not be null",
                                field));
}

}  // namespace

void check_execution_arn(const std::string& arn) {
    auto fail = [&] {
        return validation_error(arn, "durableExecutionArn",
                                "Member must satisfy regular expression pattern: " + std::string(kArnPattern));
    };
    if (arn.empty() || arn.size() > 1024) {
        throw validation_error(arn, "durableExecutionArn", "Member must have length less than or equal to 1024");
    }
    std::vector<std::string_view> slash = split(arn, '/');
    if (slash.size() != 4 || slash[1] != "durable-execution" || !all_of(slash[2], word) || !all_of(slash[3], word)) {
        throw fail();
    }
    std::vector<std::string_view> colon = split(slash[0], ':');
    if (colon.size() != 8 || colon[0] != "arn" || !all_of(colon[1], alnum_dash) || colon[2] != "lambda" ||
        !all_of(colon[3], alnum_dash) || colon[4].size() != 12 || !all_of(colon[4], digit) ||
        colon[5] != "function" || !all_of(colon[6], word)) {
        throw fail();
    }
    std::string_view version = colon[7];
    if (version != "$LATEST" && version != "$LATEST.PUBLISHED" && !all_of(version, digit)) {
        throw fail();
    }
}

void check_callback_id(const std::string& id) {
    if (id.size() > 1024) {
        throw validation_error(id, "callbackId", "Member must have length less than or equal to 1024");
    }
    if (!base64_text(id)) {
        throw validation_error(id, "callbackId",
                               "Member must satisfy regular expression pattern: " + std::string(kTokenPattern));
    }
}

void check_token(const std::optional<std::string>& token, std::string_view field) {
    if (!token) {
        throw null_value(field);
    }
    if (token->size() > 2048) {
        throw validation_error(*token, field, "Member must have length less than or equal to 2048");
    }
    if (!base64_text(*token)) {
        throw validation_error(*token, field,
                               "Member must satisfy regular expression pattern: " + std::string(kTokenPattern));
    }
}

std::optional<TimePoint> parse_timestamp(std::string_view s) {
    // botocore sends epoch seconds (with a fraction); other clients ISO 8601.
    if (!s.empty() && s.find('-') == std::string_view::npos) {
        if (std::optional<double> epoch = parse_number<double>(s)) {
            return TimePoint{std::chrono::duration_cast<TimePoint::duration>(std::chrono::duration<double>(*epoch))};
        }
    }
    return parse_iso8601(s);
}

std::optional<int> max_items(const http::Request& request) {
    std::optional<std::string> text = request.query_param("MaxItems");
    if (!text) {
        return std::nullopt;
    }
    std::optional<int> parsed = parse_number<int>(*text);
    if (!parsed) {
        throw AwsError(ErrorCode::InvalidParameterValue, "MaxItems must be an integer: " + *text);
    }
    const int value = *parsed;
    if (value < 0) {
        throw validation_error(*text, "maxItems", "Member must have value greater than or equal to 0");
    }
    if (value > 1000) {
        throw validation_error(*text, "maxItems", "Member must have value less than or equal to 1000");
    }
    return value;
}

std::optional<bool> flag(const http::Request& request, std::string_view name, std::string_view field) {
    std::optional<std::string> text = request.query_param(name);
    if (!text) {
        return std::nullopt;
    }
    if (iequals(*text, "true")) {
        return true;
    }
    if (iequals(*text, "false")) {
        return false;
    }
    throw AwsError(ErrorCode::InvalidParameterValue, fmt::format("{} must be true or false: {}", field, *text));
}

json body_json(const http::Request& request) {
    if (trim(request.body).empty()) {
        return json::object();
    }
    json j = json::parse(request.body, nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
        throw AwsError(ErrorCode::InvalidRequestContent, "Could not parse request body into json");
    }
    return j;
}

json summary_json(const lemu::durable::ExecutionSummary& s) {
    json j = json::object();
    j["DurableExecutionArn"] = s.arn;
    j["DurableExecutionName"] = s.name;
    j["FunctionArn"] = s.function_arn;
    j["Status"] = std::string(lemu::durable::to_string(s.status));
    j["StartTimestamp"] = wire::timestamp(s.start_timestamp, wire::TimeFormat::EpochSeconds);
    if (s.end_timestamp) {
        j["EndTimestamp"] = wire::timestamp(*s.end_timestamp, wire::TimeFormat::EpochSeconds);
    }
    return j;
}

json describe_json(const lemu::durable::ExecutionDescription& d) {
    json j = summary_json(d.summary);
    j["InputPayload"] = d.input;
    if (d.result && d.summary.status == lemu::durable::ExecutionStatus::Succeeded) {
        j["Result"] = *d.result;
    }
    if (d.error && d.summary.status != lemu::durable::ExecutionStatus::Succeeded) {
        j["Error"] = wire::error_to_json(*d.error);
    }
    j["Version"] = d.version;
    if (d.trace_header) {
        j["TraceHeader"] = json{{"XAmznTraceId", *d.trace_header}};
    }
    return j;
}

}  // namespace lemu::routers::durable
