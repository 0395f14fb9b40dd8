#include "sources/sqs/queue_store.hpp"

#include <fmt/format.h>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/encoding.hpp"
#include "emulator/core/log.hpp"
#include "emulator/core/text.hpp"
#include "sources/sqs/queue.hpp"

namespace lemu::sources::sqs {
namespace {

using std::chrono::seconds;
constexpr seconds kRecreateDelay{60};

const std::shared_ptr<spdlog::logger>& logger() {
    static const auto instance = log::get("sqs");
    return instance;
}

[[noreturn]] void invalid(std::string message) {
    throw AwsError(ErrorCode::SqsInvalidParameterValue, std::move(message));
}

void validate_queue_name(const std::string& name, bool fifo) {
    std::string_view base = name;
    if (fifo) {
        base.remove_suffix(std::string_view(".fifo").size());
    }
    bool ok = !base.empty() && name.size() <= 80;
    for (char c : base) {
        ok = ok && (is_alnum(c) || c == '-' || c == '_');
    }
    if (!ok) {
        invalid("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
    }
}

void validate_range(std::optional<int> value, int min, int max, std::string_view parameter, std::string_view reason) {
    if (value && (*value < min || *value > max)) {
        invalid(fmt::format("Value {} for parameter {} is invalid. Reason: {}", *value, parameter, reason));
    }
}

}  // namespace

QueueStore::QueueStore(AccountRegion home, const Clock& clock, Random& random)
    : home_(std::move(home)), clock_(clock), random_(random) {}

QueueStore::~QueueStore() = default;

std::string QueueStore::queue_arn(std::string_view name) const {
    return fmt::format("arn:aws:sqs:{}:{}:{}", home_.region, home_.account, name);
}

std::optional<std::string> QueueStore::queue_name_for_arn(std::string_view arn) const {
    auto parts = split(arn, ':');
    if (parts.size() != 6 || parts[0] != "arn" || parts[2] != "sqs" || parts[3] != home_.region ||
        parts[4] != home_.account) {
        return std::nullopt;
    }
    std::lock_guard lock(mutex_);
    if (!queues_.contains(parts[5])) {
        return std::nullopt;
    }
    return std::string(parts[5]);
}

bool QueueStore::exists(std::string_view name) const {
    std::lock_guard lock(mutex_);
    return queues_.contains(name);
}

void QueueStore::set_listener(Listener listener) { listener_ = std::move(listener); }

void QueueStore::notify(std::string_view name, QueueEvent event) const {
    if (listener_) {
        listener_(std::string(name), event);
    }
}

Queue& QueueStore::require(std::string_view name) const {
    auto it = queues_.find(name);
    if (it == queues_.end()) {
        throw AwsError(ErrorCode::QueueDoesNotExist, "The specified queue does not exist.");
    }
    return *it->second;
}

void QueueStore::validate_redrive(const QueueConfig& config, const std::string& raw) const {
    if (!config.redrive_policy) {
        return;
    }
    auto reason = [&](std::string_view why) {
        return AwsError(ErrorCode::SqsInvalidParameterValue,
                        fmt::format("Value {} for parameter RedrivePolicy is invalid. Reason: {}", raw, why));
    };
    const std::string& arn = config.redrive_policy->dead_letter_target_arn;
    auto parts = split(arn, ':');
    auto it = queues_.end();
    if (parts[3] == home_.region && parts[4] == home_.account) {
        it = queues_.find(parts[5]);
    }
    if (it == queues_.end()) {
        throw reason("Dead letter target does not exist.");
    }
    if (it->second->config().fifo != config.fifo) {
        throw reason("Dead-letter queue must be same type of queue as the source..");
    }
}

void QueueStore::create_queue(const std::string& name, const AttributeMap& attributes, const TagMap& tags) {
    QueueConfig config;
    auto fifo_attr = attributes.find("FifoQueue");
    config.fifo = name.ends_with(".fifo") && fifo_attr != attributes.end() && iequals(fifo_attr->second, "true");
    apply_attributes(config, attributes, AttributeContext::Create);
    validate_queue_name(name, config.fifo);
    const TimePoint now = clock_.now();
    std::lock_guard lock(mutex_);
    if (auto it = queues_.find(name); it != queues_.end()) {
        for (const auto& [attribute, value] : attributes) {
            if (config_attribute(it->second->config(), attribute) != config_attribute(config, attribute)) {
                throw AwsError(ErrorCode::QueueAlreadyExists,
                               fmt::format("A queue already exists with the same name and a different value for "
                                           "attribute {}",
                                           attribute));
            }
        }
        return;
    }
    if (auto it = deleted_.find(name); it != deleted_.end() && now < it->second + kRecreateDelay) {
        throw AwsError(ErrorCode::QueueDeletedRecently,
                       "You must wait 60 seconds after deleting a queue before you can create another with the same "
                       "name.");
    }
    if (auto raw = attributes.find("RedrivePolicy"); raw != attributes.end()) {
        validate_redrive(config, raw->second);
    }
    queues_.emplace(name, std::make_unique<Queue>(name, queue_arn(name), std::move(config), now));
    tags_[name] = tags;
    deleted_.erase(name);
    logger()->info("created queue {}", name);
}

void QueueStore::delete_queue(std::string_view name) {
    {
        std::lock_guard lock(mutex_);
        require(name);
        auto node = queues_.extract(queues_.find(name));
        tags_.erase(node.key());
        deleted_.insert_or_assign(node.key(), clock_.now());
    }
    logger()->info("deleted queue {}", name);
    notify(name, QueueEvent::Deleted);
}

ListQueuesPage QueueStore::list_queues(std::string_view prefix, std::optional<int> max_results,
                                       std::optional<std::string_view> next_token) const {
    if (max_results && (*max_results < 1 || *max_results > 1000)) {
        invalid(fmt::format("Value {} for parameter MaxResults is invalid. Reason: MaxResults must be an integer "
                            "between 1 and 1000.",
                            *max_results));
    }
    std::string after;
    if (next_token) {
        auto decoded = base64_decode(*next_token);
        if (!decoded || !decoded->starts_with("lemu-queues:")) {
            invalid("Invalid NextToken value.");
        }
        after = decoded->substr(std::string_view("lemu-queues:").size());
    }
    const std::size_t limit = static_cast<std::size_t>(max_results.value_or(1000));
    ListQueuesPage page;
    std::lock_guard lock(mutex_);
    auto it = after.empty() ? queues_.begin() : queues_.upper_bound(after);
    for (; it != queues_.end(); ++it) {
        if (!it->first.starts_with(prefix)) {
            continue;
        }
        if (page.names.size() == limit) {
            if (max_results) {
                page.next_token = base64_encode("lemu-queues:" + page.names.back());
            }
            break;
        }
        page.names.push_back(it->first);
    }
    return page;
}

AttributeMap QueueStore::get_attributes(std::string_view name, const std::vector<std::string>& names) const {
    const TimePoint now = clock_.now();
    std::lock_guard lock(mutex_);
    Queue& q = require(name);
    bool all = false;
    for (const std::string& n : names) {
        if (!is_known_attribute_name(n)) {
            throw AwsError(ErrorCode::InvalidAttributeName, fmt::format("Unknown Attribute {}.", n));
        }
        all = all || n == "All";
    }
    AttributeMap everything = config_attributes(q.config());
    MessageCounts counts = q.counts(now);
    everything["ApproximateNumberOfMessages"] = std::to_string(counts.visible);
    everything["ApproximateNumberOfMessagesNotVisible"] = std::to_string(counts.not_visible);
    everything["ApproximateNumberOfMessagesDelayed"] = std::to_string(counts.delayed);
    auto epoch_seconds = [](TimePoint t) { return std::to_string(epoch_millis(t) / 1000); };
    everything["CreatedTimestamp"] = epoch_seconds(q.created());
    everything["LastModifiedTimestamp"] = epoch_seconds(q.last_modified());
    everything["QueueArn"] = q.arn();
    if (all) {
        return everything;
    }
    AttributeMap out;
    for (const std::string& n : names) {
        if (auto it = everything.find(n); it != everything.end()) {
            out.insert(*it);
        }
    }
    return out;
}

void QueueStore::set_attributes(std::string_view name, const AttributeMap& attributes) {
    const TimePoint now = clock_.now();
    {
        std::lock_guard lock(mutex_);
        Queue& q = require(name);
        QueueConfig config = q.config();
        apply_attributes(config, attributes, AttributeContext::Set);
        if (auto raw = attributes.find("RedrivePolicy"); raw != attributes.end()) {
            validate_redrive(config, raw->second);
        }
        q.set_config(std::move(config), now);
    }
    notify(name, QueueEvent::VisibilityChanged);
}

void QueueStore::purge(std::string_view name) {
    std::lock_guard lock(mutex_);
    require(name).purge(clock_.now());
}

std::vector<std::string> QueueStore::dead_letter_source_queues(std::string_view name) const {
    std::lock_guard lock(mutex_);
    const std::string arn = require(name).arn();
    std::vector<std::string> sources;
    for (const auto& [source, queue] : queues_) {
        const auto& policy = queue->config().redrive_policy;
        if (policy && policy->dead_letter_target_arn == arn) {
            sources.push_back(source);
        }
    }
    return sources;
}

int QueueStore::visibility_timeout(std::string_view name) const {
    std::lock_guard lock(mutex_);
    return require(name).config().visibility_timeout;
}

TagMap QueueStore::tags(std::string_view name) const {
    std::lock_guard lock(mutex_);
    require(name);
    auto it = tags_.find(name);
    return it == tags_.end() ? TagMap{} : it->second;
}

void QueueStore::tag(std::string_view name, const TagMap& tags) {
    std::lock_guard lock(mutex_);
    require(name);
    auto& current = tags_[std::string(name)];
    for (const auto& [key, value] : tags) {
        current.insert_or_assign(key, value);
    }
}

void QueueStore::untag(std::string_view name, const std::vector<std::string>& keys) {
    std::lock_guard lock(mutex_);
    require(name);
    auto& current = tags_[std::string(name)];
    for (const std::string& key : keys) {
        current.erase(key);
    }
}

SendResult QueueStore::send(std::string_view name, SendRequest request) {
    SendResult result;
    {
        std::lock_guard lock(mutex_);
        result = require(name).send(std::move(request), clock_.now(), random_);
    }
    notify(name, QueueEvent::MessagesAvailable);
    return result;
}

ReceiveResult QueueStore::receive(std::string_view name, const ReceiveRequest& request) {
    validate_range(request.max_messages, 1, kMaxBatchEntries, "MaxNumberOfMessages",
                   "Must be between 1 and 10, if provided.");
    validate_range(request.wait_seconds, 0, kMaxWaitTimeSeconds, "WaitTimeSeconds",
                   "Must be >= 0 and <= 20, if provided.");
    validate_range(request.visibility_timeout, 0, kMaxVisibilityTimeout, "VisibilityTimeout",
                   "Must be >= 0 and <= 43200, if provided.");
    ReceiveResult result;
    std::vector<std::string> dead_letter_queues;
    {
        std::lock_guard lock(mutex_);
        Queue& q = require(name);
        const TimePoint now = clock_.now();
        result.wait_seconds = request.wait_seconds.value_or(q.config().receive_wait_seconds);
        Queue* dlq = nullptr;
        if (const auto& policy = q.config().redrive_policy) {
            auto parts = split(policy->dead_letter_target_arn, ':');
            if (auto it = queues_.find(parts[5]); it != queues_.end() && it->second->arn() == policy->dead_letter_target_arn) {
                dlq = it->second.get();
            }
        }
        int visibility = request.visibility_timeout.value_or(q.config().visibility_timeout);
        Queue::Taken taken = q.receive(request, visibility, dlq ? q.config().redrive_policy->max_receive_count : 0,
                                       now, random_);
        for (Message& m : taken.dead_letters) {
            logger()->info("moved message {} from {} to dead-letter queue {} after {} receives", m.id, q.name(),
                           dlq->name(), m.receive_count);
            dlq->accept_dead_letter(std::move(m), q.arn(), now);
        }
        if (!taken.dead_letters.empty()) {
            dead_letter_queues.push_back(dlq->name());
        }
        result.messages = std::move(taken.delivered);
    }
    for (const std::string& dlq : dead_letter_queues) {
        notify(dlq, QueueEvent::MessagesAvailable);
    }
    return result;
}

void QueueStore::delete_message(std::string_view name, std::string_view receipt_handle) {
    {
        std::lock_guard lock(mutex_);
        require(name).delete_message(receipt_handle, clock_.now());
    }
    notify(name, QueueEvent::VisibilityChanged);  // a FIFO group may have become receivable
}

void QueueStore::change_visibility(std::string_view name, std::string_view receipt_handle, int timeout) {
    {
        std::lock_guard lock(mutex_);
        require(name).change_visibility(receipt_handle, timeout, clock_.now());
    }
    notify(name, QueueEvent::VisibilityChanged);
}

std::optional<TimePoint> QueueStore::next_change(std::string_view name) const {
    std::lock_guard lock(mutex_);
    auto it = queues_.find(name);
    if (it == queues_.end()) {
        return std::nullopt;
    }
    return it->second->next_change(clock_.now());
}

}  // namespace lemu::sources::sqs
