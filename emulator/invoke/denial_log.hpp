#pragma once
// Every invocation Lambda refused an event source: a resource policy that does not admit it, or a target
// that does not resolve (deleted alias or version, malformed ARN). What a user reads to find a
// deploy-time gap (GET /_lemu/denials). Bounded, thread-safe, plain data.

#include <cstddef>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

#include "emulator/core/clock.hpp"

namespace lemu::invoke {

struct Denial {
    TimePoint time;
    std::string source;          // "apigateway", "s3", "function-url", "invoke", ...
    std::string principal;       // "apigateway.amazonaws.com", "*", ...
    std::string action;          // "lambda:InvokeFunction", "lambda:InvokeFunctionUrl"
    std::string source_arn;
    std::string source_account;
    std::string target_arn;      // the exact ARN the source invoked (fn, fn:7, fn:live)
    std::string policy;          // whose policy was consulted: the ARN it belongs to; empty if unresolved
    std::string reason;          // why no statement matched, or why the target did not resolve
    std::string request_id;
};

class DenialLog {
public:
    explicit DenialLog(std::size_t capacity = 10'000) : capacity_(capacity) {}

    void record(Denial denial);
    // Denials at or after `since`, oldest first.
    std::vector<Denial> since(TimePoint since) const;
    std::vector<Denial> all() const { return since(TimePoint{}); }
    std::size_t dropped() const;

private:
    mutable std::mutex mutex_;
    std::size_t capacity_;
    std::deque<Denial> denials_;
    std::size_t dropped_ = 0;
};

}  // namespace lemu::invoke
