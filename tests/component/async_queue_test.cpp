// The AsyncInvokeQueue on a real io_context, with retry delays scaled down 1000x (1 min -> 60 ms).
// Assertions are about attempts, ids and outcomes, never about how long anything took.

#include <boost/asio/io_context.hpp>
#include <catch2/catch.hpp>

#include <future>
#include <mutex>
#include <thread>

#include "emulator/core/aws_error.hpp"
#include "emulator/invoke/async_invoke_queue.hpp"
#include "tests/component/harness.hpp"

using namespace lemu;
using namespace lemu::invoke;
using namespace lemu::test;

namespace {

AsyncRetryConfig fast() {
    AsyncRetryConfig config;
    config.time_scale = 0.001;
    return config;
}

// Records every attempt and answers with what `answer` says for the attempt number.
struct Recorder {
    std::mutex mutex;
    std::vector<AsyncAttempt> attempts;
    std::promise<AsyncOutcome> done;

    AsyncInvocation invocation(std::string id, AsyncOptions options,
                               std::function<InvocationResult(int)> answer) {
        AsyncInvocation inv;
        inv.request_id = std::move(id);
        inv.options = options;
        inv.attempt = [this, answer](AsyncAttempt a) -> boost::asio::awaitable<InvocationResult> {
            {
                std::lock_guard lock(mutex);
                attempts.push_back(a);
            }
            co_return answer(a.number);
        };
        inv.on_complete = [this](const AsyncOutcome& outcome) { done.set_value(outcome); };
        return inv;
    }
};

InvocationResult failed() {
    InvocationResult r;
    r.payload = R"({"errorMessage":"boom","errorType":"Error"})";
    r.function_error = "Unhandled";
    return r;
}

InvocationResult ok() {
    InvocationResult r;
    r.payload = "\"ok\"";
    return r;
}

struct Loop {
    boost::asio::io_context io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work{io.get_executor()};
    std::thread thread{[this] { io.run(); }};
    ~Loop() {
        work.reset();
        io.stop();
        thread.join();
    }
};

AsyncOutcome wait(Recorder& recorder) {
    auto future = recorder.done.get_future();
    REQUIRE(future.wait_for(std::chrono::seconds(30)) == std::future_status::ready);
    return future.get();
}

}  // namespace

TEST_CASE("a failing event runs three times with one request id, then RetriesExhausted",
          "[component][async]") {
    Loop loop;
    AsyncInvokeQueue queue(loop.io.get_executor(), fast());
    Recorder recorder;
    queue.submit(recorder.invocation("req-1", AsyncOptions{}, [](int) { return failed(); }));
    AsyncOutcome outcome = wait(recorder);
    CHECK(outcome.condition == AsyncCondition::RetriesExhausted);
    CHECK(outcome.approximate_invoke_count == 3);
    CHECK(outcome.request_id == "req-1");
    REQUIRE(outcome.last_result.has_value());
    CHECK(outcome.last_result->failed());
    REQUIRE(recorder.attempts.size() == 3);
    for (int i = 0; i < 3; ++i) {
        CHECK(recorder.attempts[static_cast<std::size_t>(i)].request_id == "req-1");
        CHECK(recorder.attempts[static_cast<std::size_t>(i)].number == i + 1);
    }
    CHECK(eventually([&] { return queue.pending() == 0; }));
}

TEST_CASE("success stops the retries; MaximumRetryAttempts and MaximumEventAgeInSeconds apply per call",
          "[component][async]") {
    Loop loop;
    AsyncInvokeQueue queue(loop.io.get_executor(), fast());
    Recorder second_succeeds;
    queue.submit(
        second_succeeds.invocation("a", AsyncOptions{}, [](int n) { return n == 2 ? ok() : failed(); }));
    AsyncOutcome a = wait(second_succeeds);
    CHECK(a.condition == AsyncCondition::Success);
    CHECK(a.approximate_invoke_count == 2);

    Recorder no_retries;
    AsyncOptions zero;
    zero.maximum_retry_attempts = 0;
    queue.submit(no_retries.invocation("b", zero, [](int) { return failed(); }));
    AsyncOutcome b = wait(no_retries);
    CHECK(b.condition == AsyncCondition::RetriesExhausted);
    CHECK(b.approximate_invoke_count == 1);

    Recorder young;
    AsyncOptions sixty;
    sixty.maximum_event_age = std::chrono::seconds(60);
    queue.submit(young.invocation("c", sixty, [](int) { return failed(); }));
    AsyncOutcome c = wait(young);
    CHECK(c.condition == AsyncCondition::EventAgeExceeded);
    CHECK(c.approximate_invoke_count == 1);
}

TEST_CASE("throttled attempts are retried and do not count as runs", "[component][async]") {
    Loop loop;
    AsyncInvokeQueue queue(loop.io.get_executor(), fast());
    Recorder recorder;
    auto inv = recorder.invocation("t", AsyncOptions{}, [](int) { return ok(); });
    auto answer = inv.attempt;
    inv.attempt = [answer](AsyncAttempt a) -> boost::asio::awaitable<InvocationResult> {
        if (a.number <= 2) {
            throw AwsError(ErrorCode::TooManyRequests, "Rate Exceeded.");
        }
        auto pending = answer(a);
        co_return co_await std::move(pending);
    };
    queue.submit(std::move(inv));
    AsyncOutcome outcome = wait(recorder);
    CHECK(outcome.condition == AsyncCondition::Success);
    CHECK(outcome.approximate_invoke_count == 1);
    CHECK(outcome.last_error == "Rate Exceeded.");
}

TEST_CASE("a rejected event (the function is gone) is not retried", "[component][async]") {
    Loop loop;
    AsyncInvokeQueue queue(loop.io.get_executor(), fast());
    Recorder recorder;
    auto inv = recorder.invocation("gone", AsyncOptions{}, [](int) { return ok(); });
    inv.attempt = [](AsyncAttempt) -> boost::asio::awaitable<InvocationResult> {
        throw AwsError(ErrorCode::ResourceNotFound, "Function not found");
        co_return InvocationResult{};
    };
    queue.submit(std::move(inv));
    AsyncOutcome outcome = wait(recorder);
    CHECK(outcome.condition == AsyncCondition::RetriesExhausted);
    CHECK(outcome.approximate_invoke_count == 0);
    CHECK_FALSE(outcome.last_result.has_value());
}

TEST_CASE("stop drops events waiting for a retry", "[component][async]") {
    Loop loop;
    AsyncRetryConfig slow;  // real AWS delays: the retry would wait a minute
    AsyncInvokeQueue queue(loop.io.get_executor(), slow);
    Recorder recorder;
    queue.submit(recorder.invocation("s", AsyncOptions{}, [](int) { return failed(); }));
    REQUIRE(eventually([&] {
        std::lock_guard lock(recorder.mutex);
        return recorder.attempts.size() == 1;
    }));
    CHECK(queue.pending() == 1);
    queue.stop();
    CHECK(eventually([&] { return queue.pending() == 0; }));
    CHECK(recorder.attempts.size() == 1);
    queue.submit(recorder.invocation("after", AsyncOptions{}, [](int) { return ok(); }));
    CHECK(queue.pending() == 0);
}

TEST_CASE("the queue retries real invocations on the engine with the same request id", "[component][async]") {
    EngineHarness h;
    AsyncInvokeQueue queue(h.io.get_executor(), fast());
    auto spec = make_spec(fixture("sh-behave"));
    std::mutex mutex;
    std::vector<std::string> ids;
    std::promise<AsyncOutcome> done;
    AsyncInvocation inv;
    inv.request_id = h.new_request_id();
    inv.attempt = [&](AsyncAttempt a) -> boost::asio::awaitable<InvocationResult> {
        RunRequest request = h.request(spec, R"({"action":"error"})");
        request.request_id = a.request_id;
        {
            std::lock_guard lock(mutex);
            ids.push_back(a.request_id);
        }
        auto pending = h.engine->run(std::move(request));
        co_return co_await std::move(pending);
    };
    inv.on_complete = [&](const AsyncOutcome& outcome) { done.set_value(outcome); };
    std::string id = inv.request_id;
    queue.submit(std::move(inv));
    auto future = done.get_future();
    REQUIRE(future.wait_for(std::chrono::seconds(60)) == std::future_status::ready);
    AsyncOutcome outcome = future.get();
    CHECK(outcome.condition == AsyncCondition::RetriesExhausted);
    CHECK(outcome.approximate_invoke_count == 3);
    CHECK(outcome.last_result->request_id == id);
    CHECK(ids == std::vector<std::string>{id, id, id});
    queue.stop();
}
