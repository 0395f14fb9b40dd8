// FunctionRegistry: resource policies, one per qualifier, never inherited (control-plane.md facts 60-73).

#include <fmt/format.h>

#include "emulator/control/function_registry.hpp"
#include "emulator/control/function_state.hpp"
#include "emulator/core/aws_error.hpp"

namespace lemu::control {

using registry_detail::kPolicyRevisionMismatch;

namespace {

// The policy key of a qualifier: "" unqualified, "7", "live".
std::string policy_key(const FunctionRef& ref) {
    return ref.qualifier ? to_string(*ref.qualifier) : std::string();
}

}  // namespace

Statement FunctionRegistry::add_permission(AddPermissionRequest request) {
    const FunctionRef& target = request.target;
    if (target.qualifier && is_latest(*target.qualifier)) {
        throw AwsError(ErrorCode::InvalidParameterValue,
                       "We currently do not support adding policies for $LATEST.");
    }
    Notices notices;
    Statement added;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = find(target.name);
        const std::string target_arn = target.arn(home_);
        if (fn == nullptr) {
            throw AwsError(ErrorCode::ResourceNotFound, "Function not found: " + target_arn);
        }
        notices.changed = settle(*fn);
        // The revision an empty policy is compared against: the target's own (control-plane.md §6.9).
        std::string target_revision = fn->latest->revision_id;
        if (const auto* number =
                target.qualifier ? std::get_if<VersionNumber>(&*target.qualifier) : nullptr) {
            VersionPtr version = fn->version(number->value);
            if (!version) {
                throw AwsError(ErrorCode::ResourceNotFound, "Function not found: " + target_arn);
            }
            target_revision = version->revision_id;
        } else if (const auto* name =
                       target.qualifier ? std::get_if<AliasName>(&*target.qualifier) : nullptr) {
            AliasPtr alias = fn->alias(name->value);
            if (!alias && name->value.find('$') != std::string::npos) {
                throw AwsError(ErrorCode::ResourceNotFound, "Function not found: " + target_arn);  // fact 68
            }
            if (!alias) {
                throw AwsError(ErrorCode::ResourceNotFound, "Cannot find alias arn: " + target_arn);
            }
            target_revision = alias->revision_id;
        }
        const std::string key = policy_key(target);
        auto it = fn->policies.find(key);
        const Policy* current = it == fn->policies.end() ? nullptr : it->second.get();
        if (request.revision_id &&
            *request.revision_id != (current ? current->revision_id : target_revision)) {
            throw AwsError(ErrorCode::PreconditionFailed, std::string(kPolicyRevisionMismatch));
        }
        if (current && current->find(request.statement.sid)) {
            throw AwsError(
                ErrorCode::ResourceConflict,
                fmt::format(
                    "The statement id ({}) provided already exists. Please provide a new statement id, "
                    "or remove the existing statement.",
                    request.statement.sid));
        }
        auto policy = current ? std::make_shared<Policy>(*current) : std::make_shared<Policy>();
        added = std::move(request.statement);
        added.resource = target_arn;
        policy->statements.push_back(added);
        policy->revision_id = new_revision();
        fn->policies[key] = std::move(policy);
        notices.changed = true;
    }
    commit(notices);
    return added;
}

void FunctionRegistry::remove_permission(const FunctionRef& target, const std::string& sid,
                                         const std::optional<std::string>& revision_id) {
    Notices notices;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = find(target.name);
        const std::string target_arn = target.arn(home_);
        if (fn == nullptr) {
            throw AwsError(ErrorCode::ResourceNotFound, "No policy found for: " + target_arn);
        }
        if (const auto* number =
                target.qualifier ? std::get_if<VersionNumber>(&*target.qualifier) : nullptr) {
            if (!fn->version(number->value)) {
                throw AwsError(ErrorCode::ResourceNotFound, "Function not found: " + target_arn);
            }
        } else if (const auto* name =
                       target.qualifier ? std::get_if<AliasName>(&*target.qualifier) : nullptr) {
            if (!fn->alias(name->value)) {
                throw AwsError(ErrorCode::ResourceNotFound, "Cannot find alias arn: " + target_arn);
            }
        }
        auto it = fn->policies.find(policy_key(target));
        if (it == fn->policies.end()) {
            throw AwsError(ErrorCode::ResourceNotFound, "No policy is associated with the given resource.");
        }
        if (revision_id && *revision_id != it->second->revision_id) {
            throw AwsError(ErrorCode::PreconditionFailed, std::string(kPolicyRevisionMismatch));
        }
        if (!it->second->find(sid)) {
            throw AwsError(ErrorCode::ResourceNotFound,
                           fmt::format("Statement {} is not found in resource policy.", sid));
        }
        auto policy = std::make_shared<Policy>(*it->second);
        std::erase_if(policy->statements, [&](const Statement& s) { return s.sid == sid; });
        if (policy->statements.empty()) {
            fn->policies.erase(it);  // removing the last statement deletes the policy (fact 70)
        } else {
            policy->revision_id = new_revision();
            it->second = std::move(policy);
        }
        notices.changed = true;
    }
    commit(notices);
}

Policy FunctionRegistry::get_policy(const FunctionRef& target) {
    std::lock_guard lock(mutex_);
    FunctionState* fn = find(target.name);
    if (fn == nullptr) {
        throw AwsError(ErrorCode::ResourceNotFound, "Function not found: " + target.arn(home_));
    }
    auto it = fn->policies.find(policy_key(target));
    if (it == fn->policies.end()) {
        throw AwsError(ErrorCode::ResourceNotFound, "The resource you requested does not exist.");
    }
    return *it->second;
}

PolicyPtr FunctionRegistry::policy_for(const std::string& function, const std::string& key) {
    std::lock_guard lock(mutex_);
    FunctionState* fn = find(function);
    if (fn == nullptr) {
        return nullptr;
    }
    auto it = fn->policies.find(key);
    return it == fn->policies.end() ? nullptr : it->second;
}

}  // namespace lemu::control
