#pragma once
// The account and region one lemu instance serves, and the ARNs built from them.

#include <string>
#include <string_view>

#include "emulator/core/qualifier.hpp"

namespace lemu {

struct AccountRegion {
    std::string account = "000000000000";
    std::string region = "us-east-1";
};

// arn:aws:lambda:REGION:ACCOUNT:function:NAME
std::string function_arn(const AccountRegion& home, std::string_view name);
// arn:aws:lambda:REGION:ACCOUNT:function:NAME:QUALIFIER
std::string function_arn(const AccountRegion& home, std::string_view name, const Qualifier& qualifier);
std::string function_arn(const AccountRegion& home, std::string_view name, std::string_view qualifier);
// arn:aws:lambda:REGION:ACCOUNT:layer:NAME
std::string layer_arn(const AccountRegion& home, std::string_view name);

}  // namespace lemu
