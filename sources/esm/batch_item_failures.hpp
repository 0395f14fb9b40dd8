#pragma once
// What a function's answer to an SQS batch means for each message (sources.md fact 30): with
// ReportBatchItemFailures, `{"batchItemFailures":[{"itemIdentifier":"<messageId>"}]}` keeps only the
// listed messages; `{}`, an empty list or null succeed the whole batch; anything malformed fails it.
// Without ReportBatchItemFailures the answer is ignored. A function error always fails the batch.

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace lemu::sources::esm {

struct BatchOutcome {
    bool whole_batch_failed = false;
    std::set<std::string> failed_message_ids;  // when !whole_batch_failed

    bool failed(const std::string& message_id) const {
        return whole_batch_failed || failed_message_ids.contains(message_id);
    }
};

BatchOutcome interpret_batch_response(std::string_view payload, bool function_error, bool report_batch_item_failures,
                                      const std::vector<std::string>& batch_message_ids);

}  // namespace lemu::sources::esm
