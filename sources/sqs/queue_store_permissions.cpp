// AddPermission and RemovePermission: they edit the queue's Policy document, in the shape AWS writes it
// (Version 2008-10-17, Id "<queue arn>/SQSDefaultPolicy", one statement per label).
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>

#include "emulator/core/aws_error.hpp"
#include "sources/sqs/queue.hpp"
#include "sources/sqs/queue_store.hpp"

namespace lemu::sources::sqs {
namespace {

using ordered_json = nlohmann::ordered_json;

constexpr std::array kActions{"*",
                              "ChangeMessageVisibility",
                              "DeleteMessage",
                              "GetQueueAttributes",
                              "GetQueueUrl",
                              "ListDeadLetterSourceQueues",
                              "ListQueueTags",
                              "PurgeQueue",
                              "ReceiveMessage",
                              "SendMessage",
                              "ChangeMessageVisibilityBatch",
                              "DeleteMessageBatch",
                              "SendMessageBatch"};

[[noreturn]] void invalid(std::string message) {
    throw AwsError(ErrorCode::SqsInvalidParameterValue, std::move(message));
}

// One value, or a list when there are several: AWS's own compaction of principals and actions.
ordered_json one_or_many(const std::vector<std::string>& values) {
    return values.size() == 1 ? ordered_json(values.front()) : ordered_json(values);
}

ordered_json policy_document(const Queue& q) {
    ordered_json doc;
    if (!q.config().policy.empty()) {
        doc = ordered_json::parse(q.config().policy, nullptr, false);
    }
    if (!doc.is_object()) {
        doc = ordered_json{{"Version", "2008-10-17"}, {"Id", q.arn() + "/SQSDefaultPolicy"}};
    }
    if (!doc.contains("Statement") || !doc["Statement"].is_array()) {
        ordered_json statements = ordered_json::array();
        if (doc.contains("Statement") && doc["Statement"].is_object()) {
            statements.push_back(doc["Statement"]);
        }
        doc["Statement"] = std::move(statements);
    }
    return doc;
}

bool has_label(const ordered_json& doc, const std::string& label) {
    for (const auto& statement : doc["Statement"]) {
        if (statement.is_object() && statement.value("Sid", "") == label) {
            return true;
        }
    }
    return false;
}

}  // namespace

void QueueStore::add_permission(std::string_view name, const std::string& label,
                                const std::vector<std::string>& account_ids, const std::vector<std::string>& actions) {
    for (const std::string& action : actions) {
        if (std::find(kActions.begin(), kActions.end(), action) == kActions.end()) {
            invalid(fmt::format("Value SQS:{} for parameter ActionName is invalid. Reason: Please refer to the "
                                "appropriate WSDL for a list of valid actions. ",
                                action));
        }
    }
    if (account_ids.empty() || actions.empty()) {
        throw AwsError(ErrorCode::SqsMissingParameter, fmt::format("The request must contain the parameter {}.",
                                                                   account_ids.empty() ? "AWSAccountIds" : "Actions"));
    }
    std::lock_guard lock(mutex_);
    Queue& q = require(name);
    ordered_json doc = policy_document(q);
    if (has_label(doc, label)) {
        invalid(fmt::format("Value {} for parameter Label is invalid. Reason: Already exists.", label));
    }
    std::vector<std::string> principals;
    std::vector<std::string> qualified;
    for (const std::string& account : account_ids) {
        principals.push_back(fmt::format("arn:aws:iam::{}:root", account));
    }
    for (const std::string& action : actions) {
        qualified.push_back("SQS:" + action);
    }
    doc["Statement"].push_back(ordered_json{{"Sid", label},
                                            {"Effect", "Allow"},
                                            {"Principal", {{"AWS", one_or_many(principals)}}},
                                            {"Action", one_or_many(qualified)},
                                            {"Resource", q.arn()}});
    QueueConfig config = q.config();
    config.policy = doc.dump();
    q.set_config(std::move(config), clock_.now());
}

void QueueStore::remove_permission(std::string_view name, const std::string& label) {
    std::lock_guard lock(mutex_);
    Queue& q = require(name);
    ordered_json doc = policy_document(q);
    if (!has_label(doc, label)) {
        invalid(fmt::format("Value {} for parameter Label is invalid. Reason: can't find label.", label));
    }
    ordered_json kept = ordered_json::array();
    for (auto& statement : doc["Statement"]) {
        if (!(statement.is_object() && statement.value("Sid", "") == label)) {
            kept.push_back(std::move(statement));
        }
    }
    doc["Statement"] = std::move(kept);
    QueueConfig config = q.config();
    config.policy = doc["Statement"].empty() ? std::string() : doc.dump();
    q.set_config(std::move(config), clock_.now());
}

}  // namespace lemu::sources::sqs
