#pragma once
// Wire shapes of the function URL operations (Create/Get/Update/Delete/ListFunctionUrlConfigs,
// control-plane.md facts 79-82): request decoding with AWS's validation texts, and the response
// documents (CreationTime/LastModifiedTime as 2021-10-27T19:48:51.107432Z).

#include <string>

#include "emulator/control/function_registry.hpp"
#include "emulator/control/function_url_store.hpp"
#include "routers/http/request.hpp"
#include "routers/lambda/json_input.hpp"

namespace lemu::routers::lambda {

// FunctionName plus the Qualifier parameter of a URL operation: the function and the alias name
// (empty: unqualified). Qualifier follows the pattern ((?!^\d+$)^[0-9a-zA-Z-_]+$), so a version
// number or $LATEST - also as a FunctionName suffix - is a ValidationException.
struct UrlTarget {
    std::string function;
    std::string alias;
};
UrlTarget url_target(const http::Request& request, const AccountRegion& home);
// ListFunctionUrlConfigs' FunctionName: any qualifier suffix is ignored.
std::string url_list_function(const http::Request& request, const AccountRegion& home);

control::FunctionUrlSettings decode_create_url(const JsonInput& in);
control::FunctionUrlPatch decode_update_url(const JsonInput& in);

enum class UrlShape { Create, Full };  // Create: no LastModifiedTime, InvokeMode only when given
Json encode_url_config(const control::FunctionUrlConfig& config, const AccountRegion& home, UrlShape shape);
Json encode_url_page(const control::Page<control::FunctionUrlPtr>& page, const AccountRegion& home);

}  // namespace lemu::routers::lambda
