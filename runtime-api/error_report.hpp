#pragma once
// Decodes what a runtime posts to /invocation/{id}/error and /init/error (runtime.md facts 9-11)
// into the document the caller will see.

#include <string>
#include <string_view>

#include "emulator/invoke/runtime_channel.hpp"
#include "routers/http/request.hpp"

namespace lemu::runtime_api {

// RIE fatalerror.GetValidRuntimeOrFunctionErrorType: "(Runtime|Function).Xxx" is kept, any other
// "Function…" becomes Function.Unknown, everything else (missing included) Runtime.Unknown.
std::string normalize_error_type(std::string_view header);

// The body as posted; with Content-Type application/vnd.aws.lambda.error.cause+json its "errorCause"
// is stripped; an empty body becomes {"errorType":"<type>","errorMessage":""}.
invoke::RuntimeErrorReport decode_error_report(http::Request& request);

}  // namespace lemu::runtime_api
