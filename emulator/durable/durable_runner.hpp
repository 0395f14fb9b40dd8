#pragma once
// The driver loop of durable.md §6 on the io_context. For every RUNNING execution it keeps at most
// one invocation in flight, always of `NAME:PINNED_VERSION` (never the alias it was started
// through), with the §3.1 event as payload; hands the handler's answer to the store; arms one timer
// for the store's next due instant (or, on a ManualClock, wakes on every advance, so a one-hour wait
// is fast-forwarded); performs chained invokes of plain functions (durable targets run as child
// executions created by the store); and on start() picks up every execution a previous process
// left RUNNING, re-invoking those whose invocation was in flight.
//
// Threading: the store is thread-safe and tells the runner about changes from any thread; the
// runner serialises its own decisions on a strand. Destroy it only after the io_context has stopped.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "emulator/core/clock.hpp"
#include "emulator/durable/durable_execution_store.hpp"
#include "emulator/invoke/function_invoker.hpp"
#include "emulator/invoke/invocation.hpp"

namespace lemu::durable {

struct DurableStart {
    StartResult execution;  // the ARN (new, or the existing one for a reused name), pinned version
    // For RequestResponse: completes with the execution's final outcome. Empty for Event.
    std::optional<boost::asio::awaitable<ExecutionOutcome>> completion;
};

class DurableRunner {
public:
    DurableRunner(boost::asio::io_context& io, DurableExecutionStore& store, Clock& clock,
                  invoke::FunctionInvoker* invoker = nullptr);
    ~DurableRunner();
    DurableRunner(const DurableRunner&) = delete;
    DurableRunner& operator=(const DurableRunner&) = delete;

    // The invoker every resume goes through. May be set (or replaced) after construction.
    void set_invoker(invoke::FunctionInvoker* invoker);
    // Begins driving: listens to the store, resumes what the store recovered, arms the timer.
    void start();
    // No new invocations or timers after this; invocations in flight finish into the store.
    void stop();

    // For the Invoke operation of a durable function, after it resolved the qualifier to a version
    // and applied its own checks. Throws DurableExecutionAlreadyStartedException for a reused name
    // with another payload.
    DurableStart start_execution(const StartRequest& request, invoke::InvocationType type);
    // Completes when the execution closes (at once if it already has).
    boost::asio::awaitable<ExecutionOutcome> wait_for_completion(std::string arn);

    DurableExecutionStore& store() { return store_; }

private:
    struct Impl;
    DurableExecutionStore& store_;
    std::shared_ptr<Impl> impl_;
};

// The synchronous Invoke response for a closed execution: 200 with the result as payload, or
// X-Amz-Function-Error: Unhandled with a Lambda-style {"errorType","errorMessage"} document.
invoke::InvocationResult sync_invoke_result(const ExecutionOutcome& outcome);

}  // namespace lemu::durable
