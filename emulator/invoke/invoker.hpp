#pragma once
// The Invoker: the one way code runs (DESIGN.md §6). It parses the FunctionName, resolves the
// qualifier once (an alias picks its version by weight here), checks a service caller against the
// resource policy of the exact ARN it invoked (recording every denial), and then runs the version:
// synchronously through the ExecutionEngine, in the background through the AsyncInvokeQueue, or as a
// durable execution through the DurableStarter.

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "emulator/control/code_store.hpp"
#include "emulator/control/function_registry.hpp"
#include "emulator/control/permission_checker.hpp"
#include "emulator/control/registry_observer.hpp"
#include "emulator/core/clock.hpp"
#include "emulator/core/random.hpp"
#include "emulator/invoke/async_invoke_queue.hpp"
#include "emulator/invoke/concurrency_limiter.hpp"
#include "emulator/invoke/denial_log.hpp"
#include "emulator/invoke/durable_starter.hpp"
#include "emulator/invoke/execution_engine.hpp"
#include "emulator/invoke/function_invoker.hpp"

namespace lemu::invoke {

// The caller-side source name of resumes sent by the durable runner: plain runs of a pinned version.
inline constexpr std::string_view kDurableResumeSource = "durable";

// Every permission check one caller needs, in order: its own action, then each of also_requires as a
// caller of that action whose condition keys add (and override) the caller's.
std::vector<Caller> required_checks(const Caller& caller);
// The caller as the PermissionChecker sees it.
control::AccessRequest access_request(const Caller& caller);

// Also a registry observer: a deleted function or version takes its execution environments with it.
class Invoker final : public FunctionInvoker, public control::RegistryObserver {
public:
    struct Deps {
        control::FunctionRegistry& functions;
        control::CodeStore& code;
        ExecutionEngine& engine;
        ConcurrencyLimiter& limiter;
        AsyncInvokeQueue& async_queue;
        DenialLog& denials;
        const Clock& clock;
        Random& random;
    };

    explicit Invoker(Deps deps) : deps_(deps) {}
    void set_durable_starter(DurableStarter* starter) { durable_ = starter; }

    boost::asio::awaitable<InvocationResult> invoke(InvokeCall call) override;

    // Would `caller` be allowed to invoke `function_arn` (which must exist)? Used where AWS validates
    // a source's permission ahead of time (S3 PutBucketNotificationConfiguration). Records nothing.
    control::Decision check_access(const std::string& function_arn, const Caller& caller);

    void on_function_deleted(const std::string& function) override;
    void on_version_deleted(const std::string& function, std::uint64_t version) override;

private:
    void retire(const std::string& function, const std::string& version);
    control::Decision authorize(const std::string& function, const control::Resolved& resolved,
                                const Caller& caller) const;
    // The first permission `caller` lacks: its action (with that check's condition keys) and why.
    struct Refusal {
        Caller as;
        control::Decision decision;
    };
    std::optional<Refusal> refusal(const std::string& function, const control::Resolved& resolved,
                                   const Caller& caller) const;
    Denial denial_of(const InvokeCall& call, const Caller& caller) const;  // who asked, when
    [[noreturn]] void deny(const InvokeCall& call, const Refusal& refusal, const std::string& function,
                           const control::Resolved& resolved);
    // Parses and resolves the target. A service caller whose target does not exist or cannot be named
    // (a deleted alias, a stage variable left empty) is a gap as much as a missing statement: it is
    // recorded in the denial log before the error propagates.
    control::Resolved resolve_target(const InvokeCall& call, FunctionRef& ref);
    ExecutionSpecPtr spec_for(const control::VersionPtr& version);
    AsyncOptions async_options(const FunctionRef& ref);
    InvocationResult enqueue(const InvokeCall& call, RunRequest run, const FunctionRef& ref);

    Deps deps_;
    DurableStarter* durable_ = nullptr;
    std::mutex specs_mutex_;
    std::map<std::string, ExecutionSpecPtr> specs_;  // by function:version#revision
};

}  // namespace lemu::invoke
