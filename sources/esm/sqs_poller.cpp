#include "sources/esm/sqs_poller.hpp"

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "emulator/core/aws_error.hpp"
#include "emulator/core/log.hpp"
#include "sources/esm/batch_item_failures.hpp"
#include "sources/esm/event_filter.hpp"
#include "sources/esm/mapping_rules.hpp"
#include "sources/esm/sqs_event.hpp"

namespace lemu::sources::esm {

namespace asio = boost::asio;

namespace {

const std::shared_ptr<spdlog::logger>& logger() {
    static const auto instance = log::get("esm");
    return instance;
}

int concurrency(const EventSourceMapping& m) {
    return m.maximum_concurrency.value_or(kDefaultMaximumConcurrency);
}

}  // namespace

SqsPoller::SqsPoller(PollerDeps deps, const asio::any_io_executor& executor, std::string uuid)
    : deps_(std::move(deps)), uuid_(std::move(uuid)), strand_(asio::make_strand(executor)), timer_(strand_) {}

void SqsPoller::start() {
    asio::co_spawn(strand_, run(), [self = shared_from_this()](std::exception_ptr e) {
        self->finished_ = true;
        if (!e) {
            return;
        }
        try {
            std::rethrow_exception(e);
        } catch (const std::exception& ex) {
            logger()->error("event source mapping {} poller stopped: {}", self->uuid_, ex.what());
        }
    });
}

void SqsPoller::stop() {
    stopping_ = true;
    wake();
}

void SqsPoller::wake() {
    asio::post(strand_, [self = shared_from_this()] { self->timer_.cancel(); });
}

PollerStats SqsPoller::stats() const {
    std::lock_guard lock(stats_mutex_);
    return stats_;
}

asio::awaitable<void> SqsPoller::pause(std::chrono::milliseconds duration) {
    timer_.expires_after(duration);
    co_await timer_.async_wait(asio::as_tuple(asio::use_awaitable));
}

bool SqsPoller::stale(const EventSourceMapping& mapping) const {
    if (stopping_) {
        return true;
    }
    std::optional<EventSourceMapping> now = deps_.registry.find(uuid_);
    return !now || now->revision != mapping.revision;
}

void SqsPoller::problem(const std::string& text) {
    std::optional<EventSourceMapping> m = deps_.registry.find(uuid_);
    if (m && m->last_processing_result != text) {
        logger()->warn("event source mapping {} ({} -> {}): {}", uuid_, m->source_arn, m->function_arn, text);
    }
    deps_.registry.record_result(uuid_, text);
}

asio::awaitable<void> SqsPoller::run() {
    while (!stopping_) {
        std::optional<EventSourceMapping> m = deps_.registry.find(uuid_);
        if (!m) {
            break;
        }
        if (m->state == MappingState::Deleting) {
            if (in_flight_ == 0) {
                deps_.registry.erase(uuid_);
                logger()->info("event source mapping {} deleted", uuid_);
                break;
            }
            auto paused = pause(kControlSlice);
            co_await std::move(paused);
            continue;
        }
        if (!m->enabled) {
            if (is_transient(m->state) && in_flight_ == 0) {
                deps_.registry.settle(uuid_);
            }
            auto paused = pause(kControlSlice);
            co_await std::move(paused);
            continue;
        }
        if (is_transient(m->state)) {
            m = deps_.registry.settle(uuid_);
            if (!m) {
                break;
            }
        }
        if (in_flight_ >= concurrency(*m)) {
            auto paused = pause(kControlSlice);
            co_await std::move(paused);  // a finishing batch cancels the pause
            continue;
        }
        if (const TimePoint now = deps_.clock.now(); now < backoff_until_) {
            auto left = std::chrono::duration_cast<std::chrono::milliseconds>(backoff_until_ - now);
            auto paused = pause(std::min(left + std::chrono::milliseconds(1), kControlSlice));
            co_await std::move(paused);
            continue;
        }
        const std::string queue = sqs_queue_name(m->source_arn);
        Messages batch;
        std::string error;
        try {
            auto op = gather(*m, queue);
            batch = co_await std::move(op);
        } catch (const AwsError& e) {
            error = e.code() == ErrorCode::QueueDoesNotExist ? "PROBLEM: Queue not found"
                                                             : "PROBLEM: " + e.message();
        }
        if (!error.empty()) {
            problem(error);
            auto paused = pause(kErrorBackoff);
            co_await std::move(paused);
            continue;
        }
        if (!batch.empty()) {
            dispatch(std::move(batch), *m);
        }
    }
    finished_ = true;
}

asio::awaitable<SqsPoller::Messages> SqsPoller::gather(const EventSourceMapping& m,
                                                       const std::string& queue) {
    Messages out;
    std::size_t bytes = 0;
    const TimePoint slice_end = deps_.clock.now() + kControlSlice;
    std::optional<TimePoint> window_end;
    while (!stopping_) {
        const std::uint64_t seen = deps_.notifier.generation(queue);
        const int want = std::min(sqs::kMaxBatchEntries, m.batch_size - static_cast<int>(out.size()));
        sqs::ReceiveResult received = deps_.queues.receive(queue, event_receive_request(want));
        const bool drained = static_cast<int>(received.messages.size()) < want;
        for (sqs::ReceivedMessage& message : received.messages) {
            bytes += message.body.size();
            out.push_back(std::move(message));
        }
        const TimePoint now = deps_.clock.now();
        if (!out.empty() && !window_end) {
            window_end = now + std::chrono::seconds(m.maximum_batching_window_seconds);
        }
        if (static_cast<int>(out.size()) >= m.batch_size || bytes >= kMaxEventBodyBytes) {
            break;
        }
        if ((window_end && now >= *window_end) || (out.empty() && now >= slice_end)) {
            break;
        }
        if (!drained) {
            continue;  // more is receivable right now
        }
        const TimePoint wake = window_end ? std::min(*window_end, now + kControlSlice) : slice_end;
        auto waited = deps_.notifier.wait(queue, seen, wake);
        co_await std::move(waited);
        if (stale(m)) {
            break;  // stopped, retargeted, disabled or deleted: hand over what we have
        }
    }
    co_return out;
}

void SqsPoller::dispatch(Messages batch, const EventSourceMapping& m) {
    const std::string queue = sqs_queue_name(m.source_arn);
    std::optional<Prepared> prepared = prepare(std::move(batch), queue, m.source_arn);
    if (!prepared) {
        return;
    }
    ++in_flight_;
    asio::co_spawn(strand_, process(std::make_shared<Prepared>(std::move(*prepared))),
                   asio::bind_executor(strand_, [self = shared_from_this()](std::exception_ptr e) {
                       --self->in_flight_;
                       self->timer_.cancel();
                       if (!e) {
                           return;
                       }
                       try {
                           std::rethrow_exception(e);
                       } catch (const std::exception& ex) {
                           logger()->error("event source mapping {}: batch failed: {}", self->uuid_,
                                           ex.what());
                       }
                   }));
}

asio::awaitable<void> SqsPoller::process(std::shared_ptr<Prepared> prepared) {
    std::exception_ptr failure;
    invoke::InvocationResult result;
    try {
        auto op = deps_.invoker.invoke(std::move(prepared->call));
        result = co_await std::move(op);
    } catch (...) {
        failure = std::current_exception();
    }
    finish(*prepared, std::move(result), failure);
}

std::optional<SqsPoller::Prepared> SqsPoller::prepare(Messages batch, const std::string& queue,
                                                      const std::string& queue_arn) {
    std::optional<EventSourceMapping> m = deps_.registry.find(uuid_);
    if (!m || m->state == MappingState::Deleting) {
        return std::nullopt;  // left to the visibility timeout
    }
    if (!m->filter_criteria.empty()) {
        batch = drop_filtered(std::move(batch), *m, queue, queue_arn);
        if (batch.empty()) {
            return std::nullopt;
        }
    }
    Prepared p;
    p.queue = queue;
    p.function_arn = m->function_arn;
    p.report_batch_item_failures = m->report_batch_item_failures;
    p.call.function_name = m->function_arn;  // exactly as stored: the Invoker resolves an alias now
    p.call.payload = build_sqs_event(batch, queue_arn, deps_.region);
    p.call.type = invoke::InvocationType::RequestResponse;
    p.call.caller.source = "sqs";  // no principal: the Lambda service itself, no policy check
    p.batch = std::move(batch);
    return p;
}

void SqsPoller::finish(const Prepared& p, invoke::InvocationResult invoked, std::exception_ptr failure) {
    std::optional<AwsError> error;
    if (failure) {
        try {
            std::rethrow_exception(failure);
        } catch (const AwsError& e) {
            error = e;
        }  // anything else propagates to the batch's completion handler
    }
    std::optional<invoke::InvocationResult> result;
    if (!failure) {
        result = std::move(invoked);
    }
    if (!result) {
        // Not invoked: throttled, target missing, or a platform failure. The batch is left to the
        // visibility timeout and the poller backs off a little.
        backoff_until_ = deps_.clock.now() + kErrorBackoff;
        if (error && error->code() == ErrorCode::ResourceNotFound) {
            problem("PROBLEM: Function not found");
        } else if (error && error->code() != ErrorCode::TooManyRequests) {
            problem("PROBLEM: " + std::string(error->name()) + ": " + error->message());
        }
        if (error) {
            logger()->debug("event source mapping {}: {} not invoked: {}: {}", uuid_, p.function_arn,
                            error->name(), error->message());
        }
        std::lock_guard lock(stats_mutex_);
        ++stats_.failed_batches;
        return;
    }
    std::vector<std::string> ids;
    ids.reserve(p.batch.size());
    for (const sqs::ReceivedMessage& message : p.batch) {
        ids.push_back(message.message_id);
    }
    BatchOutcome outcome =
        interpret_batch_response(result->payload, result->failed(), p.report_batch_item_failures, ids);
    std::vector<bool> failed;
    failed.reserve(ids.size());
    for (const std::string& id : ids) {
        failed.push_back(outcome.failed(id));
    }
    settle_deleted_batch(p.batch, p.queue, failed);
    deps_.registry.record_result(uuid_, "OK");
    logger()->debug("event source mapping {}: {} messages to {} (version {}){}", uuid_, p.batch.size(),
                    p.function_arn, result->executed_version,
                    outcome.whole_batch_failed ? ", batch failed" : "");
    std::lock_guard lock(stats_mutex_);
    ++stats_.batches;
    stats_.messages += p.batch.size();
    stats_.messages_by_version[result->executed_version] += p.batch.size();
    if (outcome.whole_batch_failed) {
        ++stats_.failed_batches;
    }
}

SqsPoller::Messages SqsPoller::drop_filtered(Messages batch, const EventSourceMapping& m,
                                             const std::string& queue, const std::string& queue_arn) {
    EventFilter filter = EventFilter::parse(m.filter_criteria);  // validated when it was stored
    Messages kept;
    std::vector<bool> keep;
    for (const sqs::ReceivedMessage& message : batch) {
        keep.push_back(filter.matches(sqs_record(message, queue_arn, deps_.region)));
    }
    settle_deleted_batch(batch, queue, keep);  // messages matching no filter are deleted without an invoke
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (keep[i]) {
            kept.push_back(std::move(batch[i]));
        }
    }
    return kept;
}

void SqsPoller::settle_deleted_batch(const Messages& batch, const std::string& queue,
                                     const std::vector<bool>& keep) {
    // DeleteMessageBatch-sized chunks: one lock and one notification per ten messages.
    std::uint64_t deleted = 0;
    std::vector<sqs::HandleBatchEntry> entries;
    auto flush = [&] {
        if (entries.empty()) {
            return;
        }
        try {
            sqs::BatchResult<sqs::Nothing> result = deps_.queues.delete_batch(queue, entries);
            deleted += result.successful.size();
            for (const sqs::BatchFailure& failure : result.failed) {
                // The handle expired (the function outlived the visibility timeout, FIFO) or the message is
                // gone.
                logger()->warn("event source mapping {}: cannot delete message {}: {}", uuid_,
                               batch[std::stoul(failure.id)].message_id, failure.message);
            }
        } catch (const AwsError& e) {
            logger()->warn("event source mapping {}: cannot delete from {}: {}", uuid_, queue, e.message());
        }
        entries.clear();
    };
    for (std::size_t i = 0; i < batch.size(); ++i) {
        if (keep[i]) {
            continue;  // a failure: back after the visibility timeout, the queue's redrive policy decides its
                       // end
        }
        entries.push_back(sqs::HandleBatchEntry{std::to_string(i), batch[i].receipt_handle, std::nullopt});
        if (entries.size() == static_cast<std::size_t>(sqs::kMaxBatchEntries)) {
            flush();
        }
    }
    flush();
    std::lock_guard lock(stats_mutex_);
    stats_.deleted += deleted;
}

}  // namespace lemu::sources::esm
