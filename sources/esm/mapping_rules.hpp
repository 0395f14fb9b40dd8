#pragma once
// The validation rules of CreateEventSourceMapping / UpdateEventSourceMapping for SQS sources and AWS's
// exact texts for them (sources.md §3.B, control-plane.md fact 78). Pure functions: the registry feeds
// them the queue's and the target version's settings. Every rule throws AwsError.

#include <string>
#include <string_view>

#include "emulator/core/account_region.hpp"
#include "emulator/core/aws_error.hpp"

namespace lemu::sources::esm {

inline constexpr int kMaxUnbatchedSize = 10;          // BatchSize above this needs a batching window
inline constexpr int kDefaultMaximumConcurrency = 5;  // lemu's stand-in for AWS's poller scaling

// 400 InvalidParameterValueException "Unrecognized event source." (no EventSourceArn, or not an SQS
// queue: lemu maps SQS only).
AwsError unrecognized_event_source();
// 400 InvalidParameterValueException "Function does not exist" (function, version or alias unknown).
AwsError function_does_not_exist();
// 400 InvalidParameterValueException for a queue that does not exist, quoting the SQS error.
AwsError queue_does_not_exist();
// 404 ResourceNotFoundException "The resource you requested does not exist." (unknown UUID).
AwsError mapping_not_found();
// 409 ResourceConflictException naming the queue, the function (name[:qualifier]) and the mapping.
AwsError duplicate_mapping(std::string_view source_arn, std::string_view function_arn, std::string_view uuid);

// BatchSize above 10 needs MaximumBatchingWindowInSeconds > 0; FIFO queues take no batching window
// (so never more than 10 per batch).
void check_batching(int batch_size, int maximum_batching_window, bool fifo);
// The queue's visibility timeout must be at least the target version's timeout.
void check_visibility(int queue_visibility_seconds, int function_timeout_seconds);

// arn:aws:lambda:REGION:ACCOUNT:event-source-mapping:UUID
std::string mapping_arn(const AccountRegion& home, std::string_view uuid);
// The name[:qualifier] part of a function ARN, as the duplicate message quotes it.
std::string_view function_part(std::string_view function_arn);
// "arn:aws:sqs:REGION:ACCOUNT:NAME" -> "NAME"; empty when `arn` is not an SQS ARN.
std::string sqs_queue_name(std::string_view arn);

}  // namespace lemu::sources::esm
