// StartMessageMoveTask, ListMessageMoveTasks, CancelMessageMoveTask: redrive from a dead-letter queue.
// Local decision: lemu moves every available message at once, so a task is finished when Start returns
// and there is never a running task to cancel. MaxNumberOfMessagesPerSecond is recorded, not enforced.
#include <fmt/format.h>

#include <algorithm>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/encoding.hpp"
#include "emulator/core/log.hpp"
#include "emulator/core/text.hpp"
#include "sources/sqs/queue.hpp"
#include "sources/sqs/queue_store.hpp"

namespace lemu::sources::sqs {
namespace {

[[noreturn]] void not_found(std::string_view parameter) {
    throw AwsError(ErrorCode::ResourceNotFound,
                   fmt::format("The resource that you specified for the {} parameter doesn't exist.", parameter));
}

}  // namespace

std::string QueueStore::start_message_move_task(std::string_view source_arn, std::optional<std::string> destination_arn,
                                                std::optional<int> max_per_second) {
    if (max_per_second && (*max_per_second < 1 || *max_per_second > 500)) {
        throw AwsError(ErrorCode::SqsInvalidParameterValue,
                       fmt::format("Value {} for parameter MaxNumberOfMessagesPerSecond is invalid. Reason: You must "
                                   "enter a number that's between 1 and 500.",
                                   *max_per_second));
    }
    auto source_name = queue_name_for_arn(source_arn);
    if (!source_name) {
        not_found("SourceArn");
    }
    std::optional<std::string> destination_name;
    if (destination_arn && !(destination_name = queue_name_for_arn(*destination_arn))) {
        not_found("DestinationArn");
    }
    const TimePoint now = clock_.now();
    std::vector<std::string> touched;
    MessageMoveTask task;
    {
        std::lock_guard lock(mutex_);
        Queue& source = require(*source_name);
        bool is_dlq = std::any_of(queues_.begin(), queues_.end(), [&](const auto& entry) {
            const auto& policy = entry.second->config().redrive_policy;
            return policy && policy->dead_letter_target_arn == source.arn();
        });
        if (!is_dlq) {
            throw AwsError(ErrorCode::SqsInvalidParameterValue, "Source queue must be configured as a Dead Letter Queue.");
        }
        task = MessageMoveTask{base64_encode(fmt::format("lemu-move {} {}", move_tasks_.size(), source.arn())),
                               "COMPLETED", source.arn(), destination_arn, max_per_second, 0, 0, now, std::nullopt};
        std::vector<Message> messages = source.take_available(now);
        task.to_move = static_cast<long long>(messages.size());
        for (Message& m : messages) {
            std::string target = destination_name.value_or("");
            if (!destination_name && m.dead_letter_source_arn) {
                target = split(*m.dead_letter_source_arn, ':').back();
            }
            auto it = queues_.find(target);
            if (it == queues_.end()) {
                const std::string origin = m.dead_letter_source_arn.value_or("");
                source.accept_dead_letter(std::move(m), origin, now);
                task.status = "FAILED";
                task.failure_reason = "AWS.SimpleQueueService.NonExistentQueue";
                continue;
            }
            it->second->accept_moved(std::move(m), now);
            ++task.moved;
            touched.push_back(target);
        }
        move_tasks_.push_back(task);
    }
    log::get("sqs")->info("message move task from {} moved {} of {} messages", source_arn, task.moved, task.to_move);
    std::sort(touched.begin(), touched.end());
    touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
    for (const std::string& name : touched) {
        notify(name, QueueEvent::MessagesAvailable);
    }
    return task.handle;
}

std::vector<MessageMoveTask> QueueStore::list_message_move_tasks(std::string_view source_arn,
                                                                 std::optional<int> max_results) const {
    if (max_results && (*max_results < 1 || *max_results > 10)) {
        throw AwsError(ErrorCode::SqsInvalidParameterValue,
                       fmt::format("Value {} for parameter MaxResults is invalid. Reason: You must enter a number "
                                   "that's between 1 and 10.",
                                   *max_results));
    }
    if (!queue_name_for_arn(source_arn)) {
        not_found("SourceArn");
    }
    std::vector<MessageMoveTask> out;
    std::lock_guard lock(mutex_);
    for (auto it = move_tasks_.rbegin(); it != move_tasks_.rend(); ++it) {
        if (it->source_arn == source_arn && out.size() < static_cast<std::size_t>(max_results.value_or(1))) {
            out.push_back(*it);
        }
    }
    return out;
}

long long QueueStore::cancel_message_move_task(std::string_view handle) {
    std::lock_guard lock(mutex_);
    for (const MessageMoveTask& task : move_tasks_) {
        if (task.handle == handle) {
            throw AwsError(ErrorCode::SqsInvalidParameterValue, "Only active tasks can be cancelled.");
        }
    }
    throw AwsError(ErrorCode::ResourceNotFound, "Task does not exist.");
}

}  // namespace lemu::sources::sqs
