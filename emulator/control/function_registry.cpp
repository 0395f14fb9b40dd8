#include "emulator/control/function_registry.hpp"

#include <fmt/format.h>

#include "emulator/control/function_state.hpp"
#include "emulator/core/aws_error.hpp"
#include "emulator/core/encoding.hpp"

namespace lemu::control {

using registry_detail::kRevisionMismatch;

namespace registry_detail {

std::string encode_marker(const std::string& key) {
    return base64_encode(key);
}

std::string decode_marker(const std::string& marker) {
    std::optional<std::string> key = base64_decode(marker);
    if (!key) {
        throw AwsError(ErrorCode::InvalidParameterValue, "Invalid marker: " + marker);
    }
    return *key;
}

std::string version_sort_key(const std::string& label) {
    if (label == kLatest) {
        return "0";
    }
    return fmt::format("1{:020}", parse_version_number(label).value_or(0));
}

}  // namespace registry_detail

FunctionRegistry::FunctionRegistry(AccountRegion home, Clock& clock, Random& random)
    : home_(std::move(home)), clock_(clock), random_(random) {}

FunctionRegistry::~FunctionRegistry() = default;

std::string FunctionRegistry::new_revision() {
    return new_uuid(random_);
}

std::string FunctionRegistry::arn(std::string_view function) const {
    return function_arn(home_, function);
}

std::string FunctionRegistry::arn(std::string_view function, std::string_view qualifier) const {
    return function_arn(home_, function, qualifier);
}

FunctionRegistry::FunctionState* FunctionRegistry::find(std::string_view name) {
    auto it = functions_.find(name);
    return it == functions_.end() ? nullptr : it->second.get();
}

FunctionRegistry::FunctionState& FunctionRegistry::existing(std::string_view name) {
    FunctionState* fn = find(name);
    if (fn == nullptr) {
        throw AwsError(ErrorCode::ResourceNotFound, "Function not found: " + arn(name));
    }
    return *fn;
}

void FunctionRegistry::check_latest_revision(const FunctionState& fn, const std::optional<std::string>& revision_id) {
    if (revision_id && *revision_id != fn.latest->revision_id) {
        throw AwsError(ErrorCode::PreconditionFailed, std::string(kRevisionMismatch));
    }
}

void FunctionRegistry::add_observer(RegistryObserver& observer) {
    std::lock_guard lock(mutex_);
    observers_.push_back(&observer);
}

void FunctionRegistry::set_change_listener(std::function<void()> listener) {
    std::lock_guard lock(mutex_);
    change_listener_ = std::move(listener);
}

void FunctionRegistry::set_version_delete_guard(
    std::function<void(const std::string& function, const std::string& version)> guard) {
    std::lock_guard lock(mutex_);
    version_delete_guard_ = std::move(guard);
}

void FunctionRegistry::commit(Notices& notices) {
    std::vector<RegistryObserver*> observers;
    std::function<void()> listener;
    {
        std::lock_guard lock(mutex_);
        observers = observers_;
        listener = change_listener_;
    }
    for (auto& event : notices.events) {
        for (RegistryObserver* observer : observers) {
            event(*observer);
        }
    }
    if (notices.changed && listener) {
        listener();
    }
}

// Completes pending work (see the state table in version.hpp). True when anything changed.
bool FunctionRegistry::settle(FunctionState& fn) {
    if (!fn.unsettled) {
        return false;
    }
    if (fn.latest->state == VersionState::Pending || fn.latest->last_update == UpdateStatus::InProgress) {
        auto settled = std::make_shared<Version>(*fn.latest);
        settled->state = VersionState::Active;
        settled->last_update = UpdateStatus::Successful;
        settled->revision_id = new_revision();
        fn.latest = std::move(settled);
    }
    for (auto& [number, version] : fn.versions) {
        if (version->state == VersionState::Pending) {
            auto settled = std::make_shared<Version>(*version);
            settled->state = VersionState::Active;
            settled->last_update = UpdateStatus::Successful;
            version = std::move(settled);
        }
    }
    fn.unsettled = false;
    return true;
}

VersionPtr FunctionRegistry::publish_locked(FunctionState& fn, const std::optional<std::string>& description,
                                            bool pending) {
    auto published = std::make_shared<Version>(*fn.latest);
    published->version = std::to_string(++fn.last_version);
    if (description) {
        published->config.description = *description;
    }
    published->revision_id = new_revision();
    published->last_modified = clock_.now();
    published->state = pending ? VersionState::Pending : VersionState::Active;
    published->last_update = pending ? UpdateStatus::None : UpdateStatus::Successful;
    fn.versions[fn.last_version] = published;
    fn.latest_changed = false;
    fn.unsettled = fn.unsettled || pending;
    // Publishing is a change of $LATEST's revision too (fact 19).
    auto latest = std::make_shared<Version>(*fn.latest);
    latest->revision_id = new_revision();
    fn.latest = std::move(latest);
    return published;
}

PublishedChange FunctionRegistry::create_function(CreateFunctionRequest request) {
    Notices notices;
    PublishedChange result;
    {
        std::lock_guard lock(mutex_);
        if (find(request.name) != nullptr) {
            throw AwsError(ErrorCode::ResourceConflict, "Function already exist: " + request.name);
        }
        auto fn = std::make_unique<FunctionState>();
        auto latest = std::make_shared<Version>();
        latest->function_name = request.name;
        latest->version = std::string(kLatest);
        latest->config = std::move(request.config);
        latest->code = std::move(request.code);
        latest->revision_id = new_revision();
        latest->last_modified = clock_.now();
        fn->latest = latest;
        fn->unsettled = true;
        fn->tags = std::move(request.tags);
        if (request.publish) {
            result.published = publish_locked(*fn, std::nullopt, true);
        }
        result.latest = fn->latest;
        functions_.emplace(request.name, std::move(fn));
        notices.changed = true;
    }
    commit(notices);
    return result;
}

FunctionView FunctionRegistry::get_function(const FunctionRef& ref) {
    Notices notices;
    FunctionView view;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = find(ref.name);
        auto not_found = [&] {
            return AwsError(ErrorCode::ResourceNotFound, "Function not found: " + ref.arn(home_));
        };
        if (fn == nullptr) {
            throw not_found();
        }
        notices.changed = settle(*fn);
        view.function_arn = ref.arn(home_);
        if (!ref.qualifier || is_latest(*ref.qualifier)) {
            view.version = fn->latest;
        } else if (const auto* number = std::get_if<VersionNumber>(&*ref.qualifier)) {
            view.version = fn->version(number->value);
        } else if (AliasPtr alias = fn->alias(std::get<AliasName>(*ref.qualifier).value)) {
            auto primary = parse_version_number(alias->function_version);
            view.version = primary ? fn->version(*primary) : fn->latest;
        }
        if (!view.version) {
            throw not_found();
        }
        view.tags = fn->tags;
        view.reserved_concurrency = fn->reserved_concurrency;
    }
    commit(notices);
    return view;
}

Resolved FunctionRegistry::resolve(const FunctionRef& ref, Random& random) {
    Notices notices;
    Resolved out;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = find(ref.name);
        if (fn == nullptr) {
            // An unqualified Invoke reports the $LATEST ARN (fact 6).
            throw AwsError(
                ErrorCode::ResourceNotFound,
                "Function not found: " + (ref.qualifier ? ref.arn(home_) : arn(ref.name, kLatest)));
        }
        notices.changed = settle(*fn);
        out.invoked_arn = ref.arn(home_);
        out.reserved_concurrency = fn->reserved_concurrency;
        std::string target = std::string(kLatest);
        if (ref.qualifier) {
            out.policy_key = to_string(*ref.qualifier);
            if (const auto* name = std::get_if<AliasName>(&*ref.qualifier)) {
                AliasPtr alias = fn->alias(name->value);
                if (!alias) {
                    throw AwsError(ErrorCode::ResourceNotFound, "Function not found: " + out.invoked_arn);
                }
                out.alias = alias->name;
                target = alias->routing.pick(alias->function_version, random.uniform01());
            } else {
                target = out.policy_key;
            }
        }
        auto number = parse_version_number(target);
        out.version = number ? fn->version(*number) : fn->latest;
        if (!out.version) {
            throw AwsError(ErrorCode::ResourceNotFound, "Function not found: " + out.invoked_arn);
        }
        out.executed_version = out.version->version;
    }
    commit(notices);
    return out;
}

PublishedChange FunctionRegistry::update_code(UpdateCodeRequest request) {
    Notices notices;
    PublishedChange result;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = &existing(request.name);
        notices.changed = settle(*fn);
        check_latest_revision(*fn, request.revision_id);
        const bool image = fn->latest->config.package_type == "Image";
        if (image && request.code.image_uri.empty()) {
            throw AwsError(ErrorCode::InvalidParameterValue,
                           "Please provide ImageUri when updating a function with packageType Image.");
        }
        if (!image && !request.code.image_uri.empty()) {
            throw AwsError(ErrorCode::InvalidParameterValue,
                           "Please don't provide ImageUri when updating a function with packageType Zip.");
        }
        auto updated = std::make_shared<Version>(*fn->latest);
        updated->code = std::move(request.code);
        if (request.architecture) {
            updated->config.architecture = *request.architecture;
        }
        updated->last_update = UpdateStatus::InProgress;
        updated->revision_id = new_revision();
        updated->last_modified = clock_.now();
        if (request.dry_run) {
            result.latest = std::move(updated);
        } else {
            fn->latest = std::move(updated);
            fn->latest_changed = true;
            fn->unsettled = true;
            if (request.publish) {
                result.published = publish_locked(*fn, std::nullopt, true);
            }
            result.latest = fn->latest;
            notices.changed = true;
        }
    }
    commit(notices);
    return result;
}

VersionPtr FunctionRegistry::update_configuration(UpdateConfigRequest request) {
    Notices notices;
    VersionPtr result;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = &existing(request.name);
        notices.changed = settle(*fn);
        check_latest_revision(*fn, request.revision_id);
        // Durability is chosen at CreateFunction only (durable.md §2.9; AWS's wording is unverified).
        if (request.patch.durable && !fn->latest->config.durable) {
            throw AwsError(ErrorCode::InvalidParameterValue,
                           "DurableConfig can only be set when the function is created; function " + request.name +
                               " was created without it.");
        }
        auto updated = std::make_shared<Version>(*fn->latest);
        request.patch.apply_to(updated->config);
        updated->last_update = UpdateStatus::InProgress;
        updated->revision_id = new_revision();
        updated->last_modified = clock_.now();
        fn->latest = updated;
        fn->latest_changed = true;
        fn->unsettled = true;
        result = std::move(updated);
        notices.changed = true;
    }
    commit(notices);
    return result;
}

VersionPtr FunctionRegistry::publish_version(PublishRequest request) {
    Notices notices;
    VersionPtr result;
    {
        std::lock_guard lock(mutex_);
        FunctionState* fn = &existing(request.name);
        notices.changed = settle(*fn);
        check_latest_revision(*fn, request.revision_id);
        if (request.code_sha256 && *request.code_sha256 != fn->latest->code.sha256) {
            throw AwsError(
                ErrorCode::InvalidParameterValue,
                fmt::format("CodeSHA256 ({}) is different from current CodeSHA256 in $LATEST ({}). "
                            "Please try again with the CodeSHA256 in $LATEST.",
                            *request.code_sha256, fn->latest->code.sha256));
        }
        // Nothing changed since the last publish: that version again, Description ignored (fact 26).
        VersionPtr last = fn->version(fn->last_version);
        if (!fn->latest_changed && last) {
            result = last;
        } else {
            result = publish_locked(*fn, request.description, false);
            notices.changed = true;
        }
    }
    commit(notices);
    return result;
}

}  // namespace lemu::control
