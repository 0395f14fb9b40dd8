#include "emulator/invoke/invoker.hpp"

#include <fmt/format.h>

#include "emulator/control/permission_checker.hpp"
#include "emulator/core/aws_error.hpp"
#include "emulator/core/function_ref.hpp"
#include "emulator/core/log.hpp"

namespace lemu::invoke {
namespace {

const std::shared_ptr<spdlog::logger>& logger() {
    static const auto instance = log::get("invoke");
    return instance;
}

std::string qualifier_text(const FunctionRef& ref) { return ref.qualifier ? to_string(*ref.qualifier) : ""; }

}  // namespace

control::AccessRequest access_request(const Caller& caller) {
    control::AccessRequest request;
    request.principal = caller.principal;
    request.action = caller.action;
    request.source_arn = caller.source_arn;
    request.source_account = caller.source_account;
    request.context = caller.context;
    return request;
}

std::vector<Caller> required_checks(const Caller& caller) {
    std::vector<Caller> checks;
    checks.push_back(caller);
    checks.front().also_requires.clear();
    for (const Caller::Also& also : caller.also_requires) {
        Caller as = checks.front();
        as.action = also.action;
        for (const auto& [key, value] : also.context) {
            as.context[key] = value;
        }
        checks.push_back(std::move(as));
    }
    return checks;
}

control::Decision Invoker::authorize(const std::string& function, const control::Resolved& resolved,
                                     const Caller& caller) const {
    if (!caller.is_service()) {
        return control::Decision{true, "", ""};  // a direct SDK caller of this account is trusted
    }
    control::PolicyPtr policy = deps_.functions.policy_for(function, resolved.policy_key);
    return control::PermissionChecker::check(policy.get(), access_request(caller), resolved.invoked_arn);
}

std::optional<Invoker::Refusal> Invoker::refusal(const std::string& function, const control::Resolved& resolved,
                                                 const Caller& caller) const {
    for (Caller& check : required_checks(caller)) {
        if (control::Decision decision = authorize(function, resolved, check); !decision.allowed) {
            return Refusal{std::move(check), std::move(decision)};
        }
    }
    return std::nullopt;
}

Denial Invoker::denial_of(const InvokeCall& call, const Caller& caller) const {
    Denial denial;
    denial.time = deps_.clock.now();
    denial.source = caller.source;
    denial.principal = caller.principal;
    denial.action = caller.action;
    denial.source_arn = caller.source_arn;
    denial.source_account = caller.source_account;
    denial.request_id = call.request_id;
    return denial;
}

control::Resolved Invoker::resolve_target(const InvokeCall& call, FunctionRef& ref) {
    try {
        ref = parse_function_ref(call.function_name, call.qualifier, NameGrammar::Namespaced,
                                 deps_.functions.home());
        return deps_.functions.resolve(ref, deps_.random);
    } catch (const AwsError& e) {
        if (call.caller.is_service()) {
            Denial denial = denial_of(call, call.caller);
            denial.target_arn = ref.name.empty() ? call.function_name : ref.arn(deps_.functions.home());
            denial.reason = fmt::format("{}: {}", e.name(), e.message());
            logger()->warn("refused {} {} -> {} source={} source_arn={} reason=\"{}\" rid={}", denial.principal,
                           denial.action, denial.target_arn, denial.source, denial.source_arn, denial.reason,
                           denial.request_id);
            deps_.denials.record(std::move(denial));
        }
        throw;
    }
}

void Invoker::deny(const InvokeCall& call, const Refusal& refusal, const std::string& function,
                   const control::Resolved& resolved) {
    const Caller& caller = refusal.as;
    Denial denial = denial_of(call, caller);
    denial.target_arn = resolved.invoked_arn;
    denial.policy = resolved.policy_key.empty()
                        ? function_arn(deps_.functions.home(), function)
                        : function_arn(deps_.functions.home(), function, resolved.policy_key);
    denial.reason = refusal.decision.reason;
    logger()->warn("denied {} {} -> {} source={} source_arn={} policy={} reason=\"{}\" rid={}", denial.principal,
                   denial.action, denial.target_arn, denial.source, denial.source_arn, denial.policy, denial.reason,
                   denial.request_id);
    deps_.denials.record(std::move(denial));
    throw AwsError(ErrorCode::AccessDenied,
                   fmt::format("User: {} is not authorized to perform: {} on resource: {} because no resource-based "
                               "policy allows the {} action",
                               caller.principal, caller.action, resolved.invoked_arn, caller.action));
}

control::Decision Invoker::check_access(const std::string& function_arn_text, const Caller& caller) {
    FunctionRef ref = parse_function_ref(function_arn_text, std::nullopt, NameGrammar::Namespaced,
                                         deps_.functions.home());
    control::Resolved resolved = deps_.functions.resolve(ref, deps_.random);
    if (std::optional<Refusal> refused = refusal(ref.name, resolved, caller)) {
        return refused->decision;
    }
    return control::Decision{true, "", ""};
}

void Invoker::on_function_deleted(const std::string& function) { retire(function, ""); }

void Invoker::on_version_deleted(const std::string& function, std::uint64_t version) {
    retire(function, std::to_string(version));
}

void Invoker::retire(const std::string& function, const std::string& version) {
    {
        std::lock_guard lock(specs_mutex_);
        const std::string prefix = function + ":" + version;
        std::erase_if(specs_, [&](const auto& entry) {
            return version.empty() ? entry.first.starts_with(prefix) : entry.first == prefix;
        });
    }
    deps_.engine.pool().retire(function, version);
}

ExecutionSpecPtr Invoker::spec_for(const control::VersionPtr& version) {
    std::string key = version->function_name + ":" + version->version;
    {
        std::lock_guard lock(specs_mutex_);
        auto it = specs_.find(key);
        if (it != specs_.end() && it->second->revision == version->revision_id) {
            return it->second;
        }
    }
    // Built outside the lock: the first use of a code package extracts it.
    auto spec = std::make_shared<ExecutionSpec>();
    const control::FunctionConfig& config = version->config;
    spec->function_name = version->function_name;
    spec->version = version->version;
    spec->revision = version->revision_id;
    spec->runtime = config.runtime;
    spec->handler = config.handler;
    spec->code_dir = deps_.code.extracted_dir(version->code.sha256);
    if (!config.layers.empty()) {
        std::vector<std::string> layer_code;
        for (const control::LayerRef& layer : config.layers) {
            layer_code.push_back(layer.code_sha256);
        }
        spec->opt_dir = deps_.code.merged_dir(layer_code);
    }
    spec->memory_mb = config.memory_mb;
    spec->timeout_seconds = config.timeout_seconds;
    spec->variables = config.environment.value_or(std::map<std::string, std::string>{});
    spec->log_group =
        config.logging.log_group.empty() ? "/aws/lambda/" + version->function_name : config.logging.log_group;
    std::lock_guard lock(specs_mutex_);
    specs_[key] = spec;
    return spec;
}

AsyncOptions Invoker::async_options(const FunctionRef& ref) {
    AsyncOptions options;
    try {
        control::EventInvokeConfig config = deps_.functions.get_event_invoke_config(ref);
        if (config.maximum_retry_attempts) {
            options.maximum_retry_attempts = *config.maximum_retry_attempts;
        }
        if (config.maximum_event_age_seconds) {
            options.maximum_event_age = std::chrono::seconds(*config.maximum_event_age_seconds);
        }
    } catch (const AwsError& e) {
        if (e.code() != ErrorCode::ResourceNotFound) {
            throw;
        }
    }
    return options;
}

InvocationResult Invoker::enqueue(const InvokeCall& call, RunRequest run, const FunctionRef& ref) {
    InvocationResult accepted;
    accepted.status_code = 202;
    accepted.request_id = run.request_id;
    accepted.invoked_arn = run.invoked_arn;
    accepted.payload.clear();
    if (deps_.limiter.reserved(ref.name) == std::optional<int>{0}) {
        // Reserved concurrency 0: accepted, never run, no retries (runtime.md fact 49).
        logger()->warn("event for {} dropped: reserved concurrency is 0 (ZeroReservedConcurrency) rid={}",
                       run.invoked_arn, run.request_id);
        return accepted;
    }
    AsyncInvocation job;
    job.request_id = run.request_id;
    job.options = async_options(ref);
    ExecutionEngine& engine = deps_.engine;
    job.attempt = [&engine, run](AsyncAttempt attempt) -> boost::asio::awaitable<InvocationResult> {
        RunRequest again = run;
        again.request_id = attempt.request_id;
        auto running = engine.run(std::move(again));
        co_return co_await std::move(running);
    };
    job.on_complete = [source = call.caller.source, arn = run.invoked_arn](const AsyncOutcome& outcome) {
        if (outcome.condition != AsyncCondition::Success) {
            logger()->warn("event for {} from {} gave up after {} attempts ({}) rid={}", arn, source,
                           outcome.approximate_invoke_count,
                           outcome.condition == AsyncCondition::RetriesExhausted ? "RetriesExhausted"
                                                                                 : "EventAgeExceeded",
                           outcome.request_id);
        }
    };
    deps_.async_queue.submit(std::move(job));
    return accepted;
}

boost::asio::awaitable<InvocationResult> Invoker::invoke(InvokeCall call) {
    if (call.request_id.empty()) {
        call.request_id = new_uuid(deps_.random);
    }
    FunctionRef ref;
    control::Resolved resolved = resolve_target(call, ref);
    if (std::optional<Refusal> refused = refusal(ref.name, resolved, call.caller)) {
        deny(call, *refused, ref.name, resolved);
    }
    const control::VersionPtr& version = resolved.version;
    const bool durable = version->config.durable.has_value() && call.caller.source != kDurableResumeSource;
    if (durable && !ref.qualifier) {
        throw AwsError(ErrorCode::InvalidParameterValue,
                       "You cannot invoke a durable function using an unqualified ARN.");
    }
    if (call.type == InvocationType::DryRun) {
        InvocationResult dry;
        dry.status_code = 204;
        dry.request_id = call.request_id;
        dry.invoked_arn = resolved.invoked_arn;
        co_return dry;
    }
    deps_.limiter.set_reserved(ref.name, resolved.reserved_concurrency);
    if (durable) {
        if (durable_ == nullptr) {
            throw AwsError(ErrorCode::Service, "Durable executions are not available.");
        }
        DurableStartCall start{ref.name, qualifier_text(ref), version, call.payload, call.durable_execution_name,
                               call.type, call.request_id};
        auto started = durable_->start(std::move(start));
        co_return co_await std::move(started);
    }
    RunRequest run;
    run.spec = spec_for(version);
    run.request_id = call.request_id;
    run.invoked_arn = resolved.invoked_arn;
    run.payload = std::move(call.payload);
    run.client_context = call.client_context;
    run.cognito_identity = call.cognito_identity;
    run.tail_log = call.tail_log && call.type == InvocationType::RequestResponse;
    if (call.type == InvocationType::Event) {
        co_return enqueue(call, std::move(run), ref);
    }
    auto running = deps_.engine.run(std::move(run));
    InvocationResult result = co_await std::move(running);
    co_return result;
}

}  // namespace lemu::invoke
