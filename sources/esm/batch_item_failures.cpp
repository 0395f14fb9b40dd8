#include "sources/esm/batch_item_failures.hpp"

#include <nlohmann/json.hpp>

namespace lemu::sources::esm {

BatchOutcome interpret_batch_response(std::string_view payload, bool function_error, bool report_batch_item_failures,
                                      const std::vector<std::string>& batch_message_ids) {
    BatchOutcome outcome;
    if (function_error) {
        outcome.whole_batch_failed = true;
        return outcome;
    }
    if (!report_batch_item_failures) {
        return outcome;
    }
    nlohmann::json doc = nlohmann::json::parse(payload, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) {
        outcome.whole_batch_failed = true;
        return outcome;
    }
    if (doc.is_null() || (doc.is_object() && (!doc.contains("batchItemFailures") || doc["batchItemFailures"].is_null()))) {
        return outcome;
    }
    const nlohmann::json* failures = doc.is_object() ? &doc["batchItemFailures"] : nullptr;
    if (failures == nullptr || !failures->is_array()) {
        outcome.whole_batch_failed = true;
        return outcome;
    }
    std::set<std::string> in_batch(batch_message_ids.begin(), batch_message_ids.end());
    for (const auto& item : *failures) {
        // An entry without a usable itemIdentifier, or naming a message not in this batch, fails the batch.
        if (!item.is_object() || !item.contains("itemIdentifier") || !item["itemIdentifier"].is_string()) {
            outcome.whole_batch_failed = true;
            return outcome;
        }
        std::string id = item["itemIdentifier"].get<std::string>();
        if (id.empty() || !in_batch.contains(id)) {
            outcome.whole_batch_failed = true;
            return outcome;
        }
        outcome.failed_message_ids.insert(std::move(id));
    }
    return outcome;
}

}  // namespace lemu::sources::esm
