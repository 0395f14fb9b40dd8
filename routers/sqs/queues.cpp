// Codec and handler of each queue-level operation (lifecycle, attributes, tags): JSON 1.0 members in,
// QueueStore calls, JSON 1.0 members out.
#include <fmt/format.h>

#include "emulator/core/aws_error.hpp"
#include "routers/sqs/codec.hpp"
#include "routers/sqs/operations.hpp"

namespace lemu::routers::sqs {

using nlohmann::json;

std::string target_queue(const OperationContext& c, const json& in) {
    if (auto url = optional_string(in, "QueueUrl")) {
        return queue_name_from_url(*url, c.store.home().account);
    }
    if (!c.queue_path.empty()) {
        return queue_name_from_url(c.queue_path, c.store.home().account);
    }
    return required_string(in, "QueueUrl");  // throws MissingParameter
}

namespace {
json url_of(const OperationContext& c, std::string_view name) {
    return json{{"QueueUrl", queue_url(c.base_url, c.store.home().account, name)}};
}
}  // namespace

json create_queue(OperationContext& c, const json& in) {
    std::string name = required_string(in, "QueueName");
    c.store.create_queue(name, string_map(in, "Attributes"), string_map(in, "tags"));
    return url_of(c, name);
}

json get_queue_url(OperationContext& c, const json& in) {
    std::string name = required_string(in, "QueueName");
    auto owner = optional_string(in, "QueueOwnerAWSAccountId");
    if ((owner && *owner != c.store.home().account) || !c.store.exists(name)) {
        throw AwsError(ErrorCode::QueueDoesNotExist, "The specified queue does not exist.");
    }
    return url_of(c, name);
}

json list_queues(OperationContext& c, const json& in) {
    auto token = optional_string(in, "NextToken");
    auto page = c.store.list_queues(optional_string(in, "QueueNamePrefix").value_or(""),
                                    optional_int(in, "MaxResults"),
                                    token ? std::optional<std::string_view>(*token) : std::nullopt);
    json out = json::object();
    if (!page.names.empty()) {
        json urls = json::array();
        for (const std::string& name : page.names) {
            urls.push_back(queue_url(c.base_url, c.store.home().account, name));
        }
        out["QueueUrls"] = std::move(urls);
    }
    if (page.next_token) {
        out["NextToken"] = *page.next_token;
    }
    return out;
}

json delete_queue(OperationContext& c, const json& in) {
    c.store.delete_queue(target_queue(c, in));
    return json::object();
}

json get_queue_attributes(OperationContext& c, const json& in) {
    auto attributes = c.store.get_attributes(target_queue(c, in), string_list(in, "AttributeNames"));
    json out = json::object();
    if (!attributes.empty()) {
        out["Attributes"] = attributes;
    }
    return out;
}

json set_queue_attributes(OperationContext& c, const json& in) {
    std::string queue = target_queue(c, in);
    if (in.is_object() && !in.contains("Attributes")) {
        throw AwsError(ErrorCode::SqsMissingParameter, "The request must contain the parameter Attributes.");
    }
    c.store.set_attributes(queue, string_map(in, "Attributes"));
    return json::object();
}

json purge_queue(OperationContext& c, const json& in) {
    c.store.purge(target_queue(c, in));
    return json::object();
}

json list_dead_letter_source_queues(OperationContext& c, const json& in) {
    json urls = json::array();
    for (const std::string& name : c.store.dead_letter_source_queues(target_queue(c, in))) {
        urls.push_back(queue_url(c.base_url, c.store.home().account, name));
    }
    return json{{"queueUrls", std::move(urls)}};
}

json tag_queue(OperationContext& c, const json& in) {
    c.store.tag(target_queue(c, in), string_map(in, "Tags"));
    return json::object();
}

json untag_queue(OperationContext& c, const json& in) {
    c.store.untag(target_queue(c, in), string_list(in, "TagKeys"));
    return json::object();
}

json list_queue_tags(OperationContext& c, const json& in) {
    auto tags = c.store.tags(target_queue(c, in));
    json out = json::object();
    if (!tags.empty()) {
        out["Tags"] = tags;
    }
    return out;
}

json add_permission(OperationContext& c, const json& in) {
    std::string queue = target_queue(c, in);
    c.store.add_permission(queue, required_string(in, "Label"), string_list(in, "AWSAccountIds"),
                           string_list(in, "Actions"));
    return json::object();
}

json remove_permission(OperationContext& c, const json& in) {
    std::string queue = target_queue(c, in);
    c.store.remove_permission(queue, required_string(in, "Label"));
    return json::object();
}

json start_message_move_task(OperationContext& c, const json& in) {
    return json{{"TaskHandle", c.store.start_message_move_task(required_string(in, "SourceArn"),
                                                               optional_string(in, "DestinationArn"),
                                                               optional_int(in, "MaxNumberOfMessagesPerSecond"))}};
}

json list_message_move_tasks(OperationContext& c, const json& in) {
    json results = json::array();
    for (const auto& task : c.store.list_message_move_tasks(required_string(in, "SourceArn"),
                                                            optional_int(in, "MaxResults"))) {
        json entry{{"Status", task.status},
                   {"SourceArn", task.source_arn},
                   {"ApproximateNumberOfMessagesMoved", task.moved},
                   {"ApproximateNumberOfMessagesToMove", task.to_move},
                   {"StartedTimestamp", epoch_millis(task.started)}};
        if (task.destination_arn) {
            entry["DestinationArn"] = *task.destination_arn;
        }
        if (task.max_per_second) {
            entry["MaxNumberOfMessagesPerSecond"] = *task.max_per_second;
        }
        if (task.failure_reason) {
            entry["FailureReason"] = *task.failure_reason;
        }
        results.push_back(std::move(entry));
    }
    return json{{"Results", std::move(results)}};
}

json cancel_message_move_task(OperationContext& c, const json& in) {
    return json{{"ApproximateNumberOfMessagesMoved", c.store.cancel_message_move_task(required_string(in, "TaskHandle"))}};
}

}  // namespace lemu::routers::sqs
