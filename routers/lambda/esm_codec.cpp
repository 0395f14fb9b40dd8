#include "routers/lambda/esm_codec.hpp"

#include <chrono>

#include "sources/esm/mapping_rules.hpp"

namespace lemu::routers::lambda {
namespace {

namespace esm = sources::esm;

constexpr std::string_view kReportBatchItemFailures = "ReportBatchItemFailures";

std::optional<int> ranged(const JsonInput& in, std::string_view member, std::string_view field,
                          std::int64_t min, std::int64_t max, Violations& v) {
    std::optional<std::int64_t> value = in.integer(member);
    v.range(value, field, min, max);
    return value ? std::optional<int>(static_cast<int>(*value)) : std::nullopt;
}

// FunctionResponseTypes: at most one entry, and only ReportBatchItemFailures.
std::optional<bool> response_types(const JsonInput& in, Violations& v) {
    std::optional<std::vector<std::string>> types = in.string_list("FunctionResponseTypes");
    if (!types) {
        return std::nullopt;
    }
    bool report = false;
    for (const std::string& type : *types) {
        if (type == kReportBatchItemFailures) {
            report = true;
        } else {
            v.add("[" + type + "]", "functionResponseTypes",
                  "Member must satisfy constraint: [Member must satisfy enum value set: "
                  "[ReportBatchItemFailures]]");
        }
    }
    if (types->size() > 1) {
        v.add(std::nullopt, "functionResponseTypes", "Member must have length less than or equal to 1");
    }
    return report;
}

// ScalingConfig: nullopt when absent; an empty optional inside when given without MaximumConcurrency.
std::optional<std::optional<int>> scaling(const JsonInput& in, Violations& v) {
    std::optional<JsonInput> config = in.object("ScalingConfig");
    if (!config) {
        return std::nullopt;
    }
    return ranged(*config, "MaximumConcurrency", "scalingConfig.maximumConcurrency", 2, 1000, v);
}

// FilterCriteria is kept as the JSON text the client sent ({"Filters":[{"Pattern":"..."}]}); the
// registry checks the patterns. Criteria without filters ({} or "Filters": []) clear them.
std::optional<std::string> filter_criteria(const JsonInput& in) {
    std::optional<Json> criteria = in.raw("FilterCriteria", JsonInput::Kind::Object);
    if (!criteria) {
        return std::nullopt;
    }
    const auto filters = criteria->find("Filters");
    if (filters == criteria->end() || filters->is_null() || (filters->is_array() && filters->empty())) {
        return std::string();
    }
    return criteria->dump();
}

}  // namespace

esm::CreateMappingRequest decode_create_mapping(const JsonInput& in) {
    esm::CreateMappingRequest r;
    Violations v;
    std::optional<std::string> function = in.string("FunctionName");
    v.required(function.has_value(), "functionName");
    r.event_source_arn = in.string("EventSourceArn");
    r.enabled = in.boolean("Enabled");
    r.batch_size = ranged(in, "BatchSize", "batchSize", 1, 10000, v);
    r.maximum_batching_window_seconds =
        ranged(in, "MaximumBatchingWindowInSeconds", "maximumBatchingWindowInSeconds", 0, 300, v);
    r.report_batch_item_failures = response_types(in, v).value_or(false);
    r.maximum_concurrency = scaling(in, v).value_or(std::nullopt);
    r.filter_criteria = filter_criteria(in).value_or("");
    v.throw_if_any();
    r.function_name = *function;
    return r;
}

esm::UpdateMappingRequest decode_update_mapping(const JsonInput& in, std::string uuid) {
    esm::UpdateMappingRequest r;
    Violations v;
    r.uuid = std::move(uuid);
    r.function_name = in.string("FunctionName");
    r.enabled = in.boolean("Enabled");
    r.batch_size = ranged(in, "BatchSize", "batchSize", 1, 10000, v);
    r.maximum_batching_window_seconds =
        ranged(in, "MaximumBatchingWindowInSeconds", "maximumBatchingWindowInSeconds", 0, 300, v);
    r.report_batch_item_failures = response_types(in, v);
    r.maximum_concurrency = scaling(in, v);
    r.filter_criteria = filter_criteria(in);
    v.throw_if_any();
    return r;
}

Json encode_mapping(const esm::EventSourceMapping& m, const AccountRegion& home) {
    Json out = Json::object();
    out["UUID"] = m.uuid;
    out["BatchSize"] = m.batch_size;
    out["MaximumBatchingWindowInSeconds"] = m.maximum_batching_window_seconds;
    out["EventSourceArn"] = m.source_arn;
    if (!m.filter_criteria.empty()) {
        out["FilterCriteria"] = Json::parse(m.filter_criteria, nullptr, false);
    }
    out["FunctionArn"] = m.function_arn;
    out["LastModified"] = std::chrono::duration<double>(m.last_modified.time_since_epoch()).count();
    if (m.last_processing_result.starts_with("PROBLEM")) {
        // AWS shows no LastProcessingResult for SQS; lemu surfaces its problems (sources.md §9.1).
        out["LastProcessingResult"] = m.last_processing_result;
    }
    out["State"] = esm::to_string(m.state);
    out["StateTransitionReason"] = m.state_transition_reason;
    out["FunctionResponseTypes"] =
        m.report_batch_item_failures ? Json::array({std::string(kReportBatchItemFailures)}) : Json::array();
    if (m.maximum_concurrency) {
        out["ScalingConfig"] = Json{{"MaximumConcurrency", *m.maximum_concurrency}};
    }
    out["EventSourceMappingArn"] = esm::mapping_arn(home, m.uuid);
    return out;
}

Json encode_mapping_page(const esm::MappingPage& page, const AccountRegion& home) {
    Json out = Json::object();
    Json items = Json::array();
    for (const esm::EventSourceMapping& m : page.items) {
        items.push_back(encode_mapping(m, home));
    }
    if (!page.next_marker.empty()) {
        out["NextMarker"] = page.next_marker;
    }
    out["EventSourceMappings"] = std::move(items);
    return out;
}

}  // namespace lemu::routers::lambda
