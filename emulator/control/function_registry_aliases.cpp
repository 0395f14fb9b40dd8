// FunctionRegistry: aliases and their weighted routing (control-plane.md facts 36-53).

#include <fmt/format.h>

#include "emulator/control/function_registry.hpp"
#include "emulator/control/function_state.hpp"
#include "emulator/core/aws_error.hpp"

namespace lemu::control {

using registry_detail::kRevisionMismatch;
using registry_detail::paginate;

RoutingConfig FunctionRegistry::validate_routing(const FunctionState& fn, const std::string& function,
                                                 const std::string& primary,
                                                 const std::map<std::uint64_t, double>& weights) const {
    if (weights.size() > 1) {
        throw AwsError(ErrorCode::InvalidParameterValue,
                       "Number of items in AdditionalVersionWeights cannot be greater than 1");
    }
    RoutingConfig routing;
    if (!weights.empty()) {
        routing.additional = WeightedVersion{weights.begin()->first, weights.begin()->second};
    }
    std::optional<std::uint64_t> primary_number = parse_version_number(primary);
    if (routing.additional && !primary_number) {
        // AWS sends this body without "Type" (fact 49).
        throw AwsError(ErrorCode::InvalidParameterValue,
                       "$LATEST is not supported for an alias pointing to more than 1 version")
            .without_type();
    }
    if (routing.additional && routing.additional->version == *primary_number) {
        throw AwsError(
            ErrorCode::InvalidParameterValue,
            fmt::format("Invalid function version {0}. Function version {0} is already included in routing "
                        "configuration.",
                        primary));
    }
    VersionPtr primary_version = primary_number ? fn.version(*primary_number) : nullptr;
    if (primary != kLatest && !primary_version) {
        throw AwsError(ErrorCode::ResourceNotFound, "Function not found: " + arn(function, primary));
    }
    if (!routing.additional) {
        return routing;
    }
    VersionPtr additional = fn.version(routing.additional->version);
    if (!additional) {
        throw AwsError(ErrorCode::ResourceNotFound,
                       "Function not found: " + arn(function, std::to_string(routing.additional->version)));
    }
    if (additional->config.role != primary_version->config.role) {
        throw AwsError(ErrorCode::InvalidParameterValue,
                       "Specified versions must be associated with the same execution role");
    }
    if (additional->config.dead_letter_target != primary_version->config.dead_letter_target) {
        // AWS's text for this case is not recorded (control-plane.md §6.2); this one parallels the role
        // message.
        throw AwsError(ErrorCode::InvalidParameterValue,
                       "Specified versions must be associated with the same dead-letter queue configuration");
    }
    return routing;
}

AliasPtr FunctionRegistry::create_alias(AliasRequest request) {
    Notices notices;
    AliasPtr result;
    {
        std::lock_guard lock(mutex_);
        const std::string primary = request.function_version.value_or("");
        FunctionState* fn = find(request.function);
        if (fn == nullptr) {
            // The missing function is reported with the requested version (fact 40).
            throw AwsError(ErrorCode::ResourceNotFound,
                           "Function not found: " + arn(request.function, primary));
        }
        notices.changed = settle(*fn);
        RoutingConfig routing = validate_routing(*fn, request.function, primary,
                                                 request.weights.value_or(std::map<std::uint64_t, double>{}));
        if (fn->alias(request.name)) {
            throw AwsError(ErrorCode::ResourceConflict,
                           "Alias already exists: " + arn(request.function, request.name));
        }
        auto alias = std::make_shared<Alias>();
        alias->name = request.name;
        alias->function_version = primary;
        alias->description = request.description.value_or("");
        alias->routing = routing;
        alias->revision_id = new_revision();
        fn->aliases[request.name] = alias;
        result = std::move(alias);
        notices.changed = true;
    }
    commit(notices);
    return result;
}

AliasPtr FunctionRegistry::get_alias(const std::string& function, const std::string& name) {
    std::lock_guard lock(mutex_);
    FunctionState* fn = &existing(function);
    AliasPtr alias = fn->alias(name);
    if (!alias) {
        throw AwsError(ErrorCode::ResourceNotFound, "Cannot find alias arn: " + arn(function, name));
    }
    return alias;
}

AliasPtr FunctionRegistry::update_alias(AliasRequest request) {
    Notices notices;
    AliasPtr result;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = &existing(request.function);
        notices.changed = settle(*fn);
        AliasPtr current = fn->alias(request.name);
        if (!current) {
            throw AwsError(ErrorCode::ResourceNotFound,
                           "Alias not found: " + arn(request.function, request.name));
        }
        if (request.revision_id && *request.revision_id != current->revision_id) {
            throw AwsError(ErrorCode::PreconditionFailed, std::string(kRevisionMismatch));
        }
        const std::string primary = request.function_version.value_or(current->function_version);
        std::map<std::uint64_t, double> weights;
        if (request.weights) {
            weights = *request.weights;  // an empty map clears the routing (fact 44)
        } else if (current->routing.additional) {
            weights[current->routing.additional->version] = current->routing.additional->weight;
        }
        RoutingConfig routing = validate_routing(*fn, request.function, primary, weights);
        auto alias = std::make_shared<Alias>(*current);
        alias->function_version = primary;
        if (request.description) {
            alias->description = *request.description;
        }
        alias->routing = routing;
        alias->revision_id = new_revision();  // every update, even a no-op one (fact 21)
        fn->aliases[request.name] = alias;
        result = std::move(alias);
        notices.changed = true;
    }
    commit(notices);
    return result;
}

void FunctionRegistry::delete_alias(const std::string& function, const std::string& name) {
    Notices notices;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = &existing(function);
        if (!fn->alias(name)) {
            return;  // deleting a missing alias is a silent success (fact 42)
        }
        fn->aliases.erase(name);
        // The alias's resource policy and async config go with it (control-plane.md §6.11).
        fn->policies.erase(name);
        fn->event_invoke.erase(name);
        notices.events.emplace_back(
            [function, name](RegistryObserver& o) { o.on_alias_deleted(function, name); });
        notices.changed = true;
    }
    commit(notices);
}

Page<AliasPtr> FunctionRegistry::list_aliases(const std::string& function,
                                              const std::optional<std::string>& function_version,
                                              const std::string& marker, std::size_t max_items) {
    std::vector<AliasPtr> items;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = &existing(function);
        for (const auto& [name, alias] : fn->aliases) {
            if (!function_version || alias->function_version == *function_version) {
                items.push_back(alias);
            }
        }
    }
    return paginate(std::move(items), marker, max_items, [](const AliasPtr& a) { return a->name; });
}

}  // namespace lemu::control
