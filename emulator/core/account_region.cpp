#include "emulator/core/account_region.hpp"

#include <fmt/format.h>

namespace lemu {

std::string function_arn(const AccountRegion& home, std::string_view name) {
    return fmt::format("arn:aws:lambda:{}:{}:function:{}", home.region, home.account, name);
}

std::string function_arn(const AccountRegion& home, std::string_view name, std::string_view qualifier) {
    return fmt::format("arn:aws:lambda:{}:{}:function:{}:{}", home.region, home.account, name, qualifier);
}

std::string function_arn(const AccountRegion& home, std::string_view name, const Qualifier& qualifier) {
    return function_arn(home, name, to_string(qualifier));
}

std::string layer_arn(const AccountRegion& home, std::string_view name) {
    return fmt::format("arn:aws:lambda:{}:{}:layer:{}", home.region, home.account, name);
}

}  // namespace lemu
