// FunctionRegistry: reserved concurrency, tags, async-invoke configs and account usage.

#include <algorithm>

#include <fmt/format.h>

#include "emulator/control/function_registry.hpp"
#include "emulator/control/function_state.hpp"
#include "emulator/core/aws_error.hpp"
#include "emulator/core/text.hpp"

namespace lemu::control {

using registry_detail::paginate;

namespace {

constexpr std::string_view kUnqualifiedOnly =
    "This operation is permitted on Lambda functions only. Aliases and versions do not support this "
    "operation. "
    "Please specify either a function name or an unqualified function ARN.";
constexpr std::string_view kNoTagsOnQualified =
    "Tags on function aliases and versions are not supported. Please specify a function ARN.";
constexpr std::string_view kNoSuchFunction = "The function doesn't exist.";

std::string invoke_config_key(const FunctionRef& ref) {
    return ref.qualifier ? to_string(*ref.qualifier) : std::string(kLatest);
}

// $LATEST first, then versions in numeric order, then aliases by name.
std::string invoke_config_sort_key(const std::string& key) {
    if (key == kLatest) {
        return "0";
    }
    if (auto number = parse_version_number(key)) {
        return fmt::format("1{:020}", *number);
    }
    return "2" + key;
}

void apply(EventInvokeConfig& config, const EventInvokeConfigPatch& patch) {
    if (patch.maximum_retry_attempts) {
        config.maximum_retry_attempts = patch.maximum_retry_attempts;
    }
    if (patch.maximum_event_age_seconds) {
        config.maximum_event_age_seconds = patch.maximum_event_age_seconds;
    }
    if (patch.on_success_destination) {
        config.on_success_destination = *patch.on_success_destination;
    }
    if (patch.on_failure_destination) {
        config.on_failure_destination = *patch.on_failure_destination;
    }
}

bool qualifier_exists(const FunctionRegistry::FunctionState& fn, const FunctionRef& ref) {
    if (!ref.qualifier || is_latest(*ref.qualifier)) {
        return true;
    }
    if (const auto* number = std::get_if<VersionNumber>(&*ref.qualifier)) {
        return fn.version(number->value) != nullptr;
    }
    return fn.alias(std::get<AliasName>(*ref.qualifier).value) != nullptr;
}

}  // namespace

int FunctionRegistry::put_concurrency(const FunctionRef& ref, int reserved) {
    if (ref.qualifier) {
        throw AwsError(ErrorCode::InvalidParameterValue, std::string(kUnqualifiedOnly));
    }
    Notices notices;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = find(ref.name);
        if (fn == nullptr) {
            throw AwsError(ErrorCode::ResourceNotFound,
                           "Function not found: " + arn(ref.name, kLatest));  // fact 83
        }
        int others = 0;
        for (const auto& [name, other] : functions_) {
            if (name != ref.name) {
                others += other->reserved_concurrency.value_or(0);
            }
        }
        const int min_unreserved = std::min(kMinUnreservedConcurrency, account_concurrency_);
        if (others + reserved > account_concurrency_ - min_unreserved) {
            throw AwsError(
                ErrorCode::InvalidParameterValue,
                fmt::format("Specified ReservedConcurrentExecutions for function decreases account's "
                            "UnreservedConcurrentExecution below its minimum value of [{}].",
                            min_unreserved))
                .without_type();
        }
        fn->reserved_concurrency = reserved;
        notices.changed = true;
    }
    commit(notices);
    return reserved;
}

std::optional<int> FunctionRegistry::get_concurrency(const FunctionRef& ref) {
    if (ref.qualifier) {
        throw AwsError(ErrorCode::InvalidParameterValue, std::string(kUnqualifiedOnly));
    }
    std::lock_guard lock(mutex_);
    FunctionState* fn = &existing(ref.name);
    return fn->reserved_concurrency;
}

void FunctionRegistry::delete_concurrency(const FunctionRef& ref) {
    if (ref.qualifier) {
        throw AwsError(ErrorCode::InvalidParameterValue, std::string(kUnqualifiedOnly));
    }
    Notices notices;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = &existing(ref.name);
        fn->reserved_concurrency.reset();
        notices.changed = true;
    }
    commit(notices);
}

void FunctionRegistry::tag(const FunctionRef& ref, const std::map<std::string, std::string>& tags) {
    if (ref.qualifier) {
        throw AwsError(ErrorCode::InvalidParameterValue, std::string(kNoTagsOnQualified));
    }
    Notices notices;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = &existing(ref.name);
        for (const auto& [key, value] : tags) {
            fn->tags[key] = value;
        }
        notices.changed = true;
    }
    commit(notices);
}

void FunctionRegistry::untag(const FunctionRef& ref, const std::vector<std::string>& keys) {
    if (ref.qualifier) {
        throw AwsError(ErrorCode::InvalidParameterValue, std::string(kNoTagsOnQualified));
    }
    Notices notices;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = &existing(ref.name);
        for (const std::string& key : keys) {
            fn->tags.erase(key);
        }
        notices.changed = true;
    }
    commit(notices);
}

std::map<std::string, std::string> FunctionRegistry::list_tags(const FunctionRef& ref) {
    if (ref.qualifier) {
        throw AwsError(ErrorCode::InvalidParameterValue, std::string(kNoTagsOnQualified));
    }
    std::lock_guard lock(mutex_);
    FunctionState* fn = &existing(ref.name);
    return fn->tags;
}

void FunctionRegistry::validate_destination(const std::string& function, const std::string& destination,
                                            const EventInvokeConfigPatch& config) const {
    if (destination.empty()) {
        return;
    }
    std::vector<std::string_view> parts = split(destination, ':');
    const std::string_view service = parts.size() > 2 ? parts[2] : std::string_view{};
    if (service == "lambda") {
        std::string_view target = parts.size() > 6 && parts[5] == "function" ? parts[6] : std::string_view{};
        if (target == function) {
            throw AwsError(ErrorCode::InvalidParameterValue,
                           "You can't specify the function as a destination for itself.");
        }
        if (functions_.find(target) == functions_.end()) {
            throw AwsError(ErrorCode::InvalidParameterValue,
                           fmt::format("The destination ARN {} is invalid.", destination));
        }
        return;
    }
    if (service == "sqs" || service == "sns" || service == "events" || service == "s3") {
        return;
    }
    auto render = [](const std::optional<std::string>& d, std::string_view kind) {
        return d && !d->empty() ? fmt::format("{}(destination={})", kind, *d) : std::string("null");
    };
    throw AwsError(
        ErrorCode::InvalidParameterValue,
        fmt::format(
            "The provided destination config DestinationConfig(onSuccess={}, onFailure={}) is invalid.",
            render(config.on_success_destination, "OnSuccess"),
            render(config.on_failure_destination, "OnFailure")));
}

EventInvokeConfig FunctionRegistry::put_event_invoke_config(const FunctionRef& ref,
                                                            const EventInvokeConfigPatch& patch) {
    Notices notices;
    EventInvokeConfig config;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = find(ref.name);
        if (fn == nullptr || !qualifier_exists(*fn, ref)) {
            throw AwsError(ErrorCode::ResourceNotFound, std::string(kNoSuchFunction));
        }
        if (patch.empty()) {
            throw AwsError(ErrorCode::InvalidParameterValue,
                           "You must specify at least one of error handling or destination setting.");
        }
        validate_destination(ref.name, patch.on_success_destination.value_or(""), patch);
        validate_destination(ref.name, patch.on_failure_destination.value_or(""), patch);
        apply(config, patch);  // Put replaces the whole config
        config.last_modified = clock_.now();
        fn->event_invoke[invoke_config_key(ref)] = config;
        notices.changed = true;
    }
    commit(notices);
    return config;
}

EventInvokeConfig FunctionRegistry::update_event_invoke_config(const FunctionRef& ref,
                                                               const EventInvokeConfigPatch& patch) {
    Notices notices;
    EventInvokeConfig config;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = find(ref.name);
        if (fn == nullptr || !qualifier_exists(*fn, ref)) {
            throw AwsError(ErrorCode::ResourceNotFound, std::string(kNoSuchFunction));
        }
        const std::string key = invoke_config_key(ref);
        auto it = fn->event_invoke.find(key);
        if (it == fn->event_invoke.end()) {
            throw AwsError(
                ErrorCode::ResourceNotFound,
                fmt::format("The function {} doesn't have an EventInvokeConfig", arn(ref.name, key)));
        }
        validate_destination(ref.name, patch.on_success_destination.value_or(""), patch);
        validate_destination(ref.name, patch.on_failure_destination.value_or(""), patch);
        config = it->second;
        apply(config, patch);
        config.last_modified = clock_.now();
        it->second = config;
        notices.changed = true;
    }
    commit(notices);
    return config;
}

EventInvokeConfig FunctionRegistry::get_event_invoke_config(const FunctionRef& ref) {
    std::lock_guard lock(mutex_);
    const std::string key = invoke_config_key(ref);
    FunctionState* fn = find(ref.name);
    auto it = fn ? fn->event_invoke.find(key) : decltype(fn->event_invoke)::iterator{};
    if (fn == nullptr || it == fn->event_invoke.end()) {
        throw AwsError(ErrorCode::ResourceNotFound,
                       fmt::format("The function {} doesn't have an EventInvokeConfig", arn(ref.name, key)));
    }
    return it->second;
}

void FunctionRegistry::delete_event_invoke_config(const FunctionRef& ref) {
    Notices notices;
    {
        std::lock_guard lock(mutex_);
        const std::string key = invoke_config_key(ref);
        FunctionState* fn = find(ref.name);
        if (fn == nullptr || fn->event_invoke.erase(key) == 0) {
            throw AwsError(
                ErrorCode::ResourceNotFound,
                fmt::format("The function {} doesn't have an EventInvokeConfig", arn(ref.name, key)));
        }
        notices.changed = true;
    }
    commit(notices);
}

Page<std::pair<std::string, EventInvokeConfig>> FunctionRegistry::list_event_invoke_configs(
    const std::string& function, const std::string& marker, std::size_t max_items) {
    std::vector<std::pair<std::string, EventInvokeConfig>> items;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = find(function);
        if (fn == nullptr) {
            throw AwsError(ErrorCode::ResourceNotFound, std::string(kNoSuchFunction));
        }
        for (const auto& [key, config] : fn->event_invoke) {
            items.emplace_back(key, config);
        }
    }
    std::sort(items.begin(), items.end(), [](const auto& a, const auto& b) {
        return invoke_config_sort_key(a.first) < invoke_config_sort_key(b.first);
    });
    return paginate(std::move(items), marker, max_items,
                    [](const auto& item) { return invoke_config_sort_key(item.first); });
}

void FunctionRegistry::set_account_concurrency(int limit) {
    std::lock_guard lock(mutex_);
    account_concurrency_ = limit;
}

AccountUsage FunctionRegistry::usage() {
    std::lock_guard lock(mutex_);
    AccountUsage usage;
    usage.account_concurrency = account_concurrency_;
    usage.function_count = functions_.size();
    for (const auto& [name, fn] : functions_) {
        usage.total_code_size += fn->latest->code.size;
        for (const auto& [number, version] : fn->versions) {
            usage.total_code_size += version->code.size;
        }
        usage.reserved_concurrency += fn->reserved_concurrency.value_or(0);
    }
    return usage;
}

RegistrySnapshot FunctionRegistry::snapshot() {
    std::lock_guard lock(mutex_);
    RegistrySnapshot out;
    for (const auto& [name, fn] : functions_) {
        FunctionSnapshot s;
        s.latest = *fn->latest;
        for (const auto& [number, version] : fn->versions) {
            s.versions.push_back(*version);
        }
        s.last_version = fn->last_version;
        s.latest_changed = fn->latest_changed;
        for (const auto& [alias_name, alias] : fn->aliases) {
            s.aliases.push_back(*alias);
        }
        for (const auto& [key, policy] : fn->policies) {
            s.policies.emplace(key, *policy);
        }
        s.reserved_concurrency = fn->reserved_concurrency;
        s.tags = fn->tags;
        s.event_invoke_configs.insert(fn->event_invoke.begin(), fn->event_invoke.end());
        out.functions.push_back(std::move(s));
    }
    return out;
}

void FunctionRegistry::restore(const RegistrySnapshot& snapshot) {
    std::map<std::string, std::unique_ptr<FunctionState>, std::less<>> functions;
    for (const FunctionSnapshot& s : snapshot.functions) {
        auto fn = std::make_unique<FunctionState>();
        fn->latest = std::make_shared<Version>(s.latest);
        for (const Version& v : s.versions) {
            fn->versions[v.number().value_or(0)] = std::make_shared<Version>(v);
        }
        fn->last_version = s.last_version;
        fn->latest_changed = s.latest_changed;
        fn->unsettled = true;
        for (const Alias& a : s.aliases) {
            fn->aliases[a.name] = std::make_shared<Alias>(a);
        }
        for (const auto& [key, policy] : s.policies) {
            fn->policies[key] = std::make_shared<Policy>(policy);
        }
        fn->reserved_concurrency = s.reserved_concurrency;
        fn->tags = s.tags;
        fn->event_invoke.insert(s.event_invoke_configs.begin(), s.event_invoke_configs.end());
        functions.emplace(s.latest.function_name, std::move(fn));
    }
    std::lock_guard lock(mutex_);
    functions_ = std::move(functions);
}

}  // namespace lemu::control
