#include "emulator/control/function_url_store.hpp"

#include <fmt/format.h>

#include "emulator/core/aws_error.hpp"

namespace lemu::control {
namespace {

constexpr std::string_view kFunctionDoesNotExist = "Function does not exist";
constexpr std::string_view kNoSuchResource = "The resource you requested does not exist.";
constexpr std::size_t kUrlIdLength = 32;
constexpr std::string_view kUrlIdAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
constexpr std::size_t kRememberedDeletions = 1000;

[[noreturn]] void not_found(std::string_view message) {
    throw AwsError(ErrorCode::ResourceNotFound, std::string(message));
}

}  // namespace

std::string_view to_string(UrlAuthType type) {
    return type == UrlAuthType::AwsIam ? "AWS_IAM" : "NONE";
}

std::string_view to_string(UrlInvokeMode mode) {
    return mode == UrlInvokeMode::ResponseStream ? "RESPONSE_STREAM" : "BUFFERED";
}

std::string FunctionUrlConfig::function_arn(const AccountRegion& home) const {
    return qualifier.empty() ? lemu::function_arn(home, function)
                             : lemu::function_arn(home, function, qualifier);
}

std::string public_function_url(const AccountRegion& home, std::string_view url_id) {
    return fmt::format("https://{}/", function_url_domain(home, url_id));
}

std::string function_url_domain(const AccountRegion& home, std::string_view url_id) {
    return fmt::format("{}.lambda-url.{}.on.aws", url_id, home.region);
}

FunctionUrlStore::FunctionUrlStore(FunctionRegistry& functions, Clock& clock, Random& random)
    : functions_(functions), clock_(clock), random_(random) {
    functions_.add_observer(*this);
}

bool FunctionUrlStore::function_exists(const std::string& function) {
    try {
        (void)functions_.get_function(FunctionRef{function, std::nullopt, false});
        return true;
    } catch (const AwsError& e) {
        if (e.code() != ErrorCode::ResourceNotFound) {
            throw;
        }
        return false;
    }
}

bool FunctionUrlStore::alias_exists(const std::string& function, const std::string& alias) {
    try {
        (void)functions_.get_alias(function, alias);
        return true;
    } catch (const AwsError& e) {
        if (e.code() != ErrorCode::ResourceNotFound) {
            throw;
        }
        return false;
    }
}

std::string FunctionUrlStore::new_url_id_locked() {
    for (;;) {
        std::string id;
        id.reserve(kUrlIdLength);
        for (std::size_t i = 0; i < kUrlIdLength; ++i) {
            id.push_back(kUrlIdAlphabet[random_.next_u64() % kUrlIdAlphabet.size()]);
        }
        if (!by_id_.contains(id) && !deleted_.contains(id)) {
            return id;
        }
    }
}

FunctionUrlPtr FunctionUrlStore::create(const std::string& function, const std::string& qualifier,
                                        FunctionUrlSettings settings) {
    if (!function_exists(function)) {
        not_found(kFunctionDoesNotExist);
    }
    const bool alias_ok = qualifier.empty() || alias_exists(function, qualifier);
    FunctionUrlPtr created;
    {
        std::lock_guard lock(mutex_);
        if (by_key_.contains({function, qualifier})) {
            const std::string arn = qualifier.empty() ? function_arn(home(), function)
                                                      : function_arn(home(), function, qualifier);
            // AWS's text has two spaces after "Error message:" (fact 80).
            throw AwsError(ErrorCode::ResourceConflict,
                           fmt::format("Failed to create function url config for [functionArn = {}]. Error "
                                       "message:  FunctionUrlConfig exists for this Lambda function",
                                       arn));
        }
        if (!alias_ok) {
            not_found(kFunctionDoesNotExist);
        }
        auto config = std::make_shared<FunctionUrlConfig>();
        config->url_id = new_url_id_locked();
        config->function = function;
        config->qualifier = qualifier;
        config->auth_type = settings.auth_type;
        config->cors = std::move(settings.cors);
        config->invoke_mode = settings.invoke_mode;
        config->creation_time = clock_.now();
        config->last_modified_time = config->creation_time;
        created = config;
        by_key_[{function, qualifier}] = created;
        by_id_[created->url_id] = created;
    }
    // A deletion that ran between the checks above and the insert found no URL to remove; look again.
    if (!function_exists(function) || (!qualifier.empty() && !alias_exists(function, qualifier))) {
        std::lock_guard lock(mutex_);
        erase_locked([&](const FunctionUrlConfig& c) { return c.url_id == created->url_id; },
                     "its function or alias was deleted while it was created");
        not_found(kFunctionDoesNotExist);
    }
    changed();
    return created;
}

FunctionUrlPtr FunctionUrlStore::get(const std::string& function, const std::string& qualifier) {
    std::lock_guard lock(mutex_);
    auto it = by_key_.find({function, qualifier});
    if (it == by_key_.end()) {
        not_found(kNoSuchResource);
    }
    return it->second;
}

FunctionUrlPtr FunctionUrlStore::update(const std::string& function, const std::string& qualifier,
                                        const FunctionUrlPatch& patch) {
    if (!function_exists(function) || (!qualifier.empty() && !alias_exists(function, qualifier))) {
        not_found(kFunctionDoesNotExist);
    }
    FunctionUrlPtr updated;
    {
        std::lock_guard lock(mutex_);
        auto it = by_key_.find({function, qualifier});
        if (it == by_key_.end()) {
            not_found(kNoSuchResource);
        }
        auto config = std::make_shared<FunctionUrlConfig>(*it->second);
        if (patch.auth_type) {
            config->auth_type = *patch.auth_type;
        }
        if (patch.cors) {
            config->cors = patch.cors;
        }
        if (patch.invoke_mode) {
            config->invoke_mode = patch.invoke_mode;
        }
        config->last_modified_time = clock_.now();
        updated = config;
        it->second = updated;
        by_id_[updated->url_id] = updated;
    }
    changed();
    return updated;
}

void FunctionUrlStore::remove(const std::string& function, const std::string& qualifier) {
    {
        std::lock_guard lock(mutex_);
        if (!by_key_.contains({function, qualifier})) {
            not_found(kNoSuchResource);
        }
        erase_locked(
            [&](const FunctionUrlConfig& c) { return c.function == function && c.qualifier == qualifier; },
            "DeleteFunctionUrlConfig");
    }
    changed();
}

Page<FunctionUrlPtr> FunctionUrlStore::list(const std::string& function, const std::string& marker,
                                            std::size_t max_items) {
    if (!function_exists(function)) {
        not_found(kFunctionDoesNotExist);
    }
    std::map<std::string, FunctionUrlPtr> by_arn;
    {
        std::lock_guard lock(mutex_);
        for (auto it = by_key_.lower_bound({function, ""});
             it != by_key_.end() && it->first.first == function; ++it) {
            by_arn[it->second->function_arn(home())] = it->second;
        }
    }
    const std::size_t limit = max_items == 0 ? kMaxPageSize : max_items;
    Page<FunctionUrlPtr> page;
    auto it = marker.empty() ? by_arn.begin() : by_arn.upper_bound(marker);
    for (; it != by_arn.end() && page.items.size() < limit; ++it) {
        page.items.push_back(it->second);
    }
    if (it != by_arn.end() && !page.items.empty()) {
        page.next_marker = page.items.back()->function_arn(home());
    }
    return page;
}

FunctionUrlPtr FunctionUrlStore::find_by_id(const std::string& url_id) const {
    std::lock_guard lock(mutex_);
    auto it = by_id_.find(url_id);
    return it == by_id_.end() ? nullptr : it->second;
}

std::optional<DeletedFunctionUrl> FunctionUrlStore::deleted(const std::string& url_id) const {
    std::lock_guard lock(mutex_);
    auto it = deleted_.find(url_id);
    return it == deleted_.end() ? std::nullopt : std::optional<DeletedFunctionUrl>(it->second);
}

bool FunctionUrlStore::erase_locked(const std::function<bool(const FunctionUrlConfig&)>& match,
                                    const std::string& reason) {
    bool any = false;
    for (auto it = by_key_.begin(); it != by_key_.end();) {
        if (!match(*it->second)) {
            ++it;
            continue;
        }
        const FunctionUrlConfig& config = *it->second;
        deleted_[config.url_id] = DeletedFunctionUrl{config.function_arn(home()), reason};
        deleted_order_.push_back(config.url_id);
        if (deleted_order_.size() > kRememberedDeletions) {
            deleted_.erase(deleted_order_.front());
            deleted_order_.pop_front();
        }
        by_id_.erase(config.url_id);
        it = by_key_.erase(it);
        any = true;
    }
    return any;
}

void FunctionUrlStore::on_function_deleted(const std::string& function) {
    bool any = false;
    {
        std::lock_guard lock(mutex_);
        any = erase_locked([&](const FunctionUrlConfig& c) { return c.function == function; },
                           fmt::format("function {} was deleted", function));
    }
    if (any) {
        changed();
    }
}

void FunctionUrlStore::on_alias_deleted(const std::string& function, const std::string& alias) {
    bool any = false;
    {
        std::lock_guard lock(mutex_);
        any = erase_locked(
            [&](const FunctionUrlConfig& c) { return c.function == function && c.qualifier == alias; },
            fmt::format("alias {} of function {} was deleted", alias, function));
    }
    if (any) {
        changed();
    }
}

std::vector<FunctionUrlConfig> FunctionUrlStore::snapshot() const {
    std::lock_guard lock(mutex_);
    std::vector<FunctionUrlConfig> out;
    out.reserve(by_key_.size());
    for (const auto& [key, config] : by_key_) {
        out.push_back(*config);
    }
    return out;
}

void FunctionUrlStore::restore(const std::vector<FunctionUrlConfig>& configs) {
    std::lock_guard lock(mutex_);
    by_key_.clear();
    by_id_.clear();
    for (const FunctionUrlConfig& config : configs) {
        auto ptr = std::make_shared<const FunctionUrlConfig>(config);
        by_key_[{config.function, config.qualifier}] = ptr;
        by_id_[config.url_id] = ptr;
    }
}

void FunctionUrlStore::set_change_listener(std::function<void()> listener) {
    std::lock_guard lock(mutex_);
    change_listener_ = std::move(listener);
}

void FunctionUrlStore::changed() {
    std::function<void()> listener;
    {
        std::lock_guard lock(mutex_);
        listener = change_listener_;
    }
    if (listener) {
        listener();
    }
}

}  // namespace lemu::control
