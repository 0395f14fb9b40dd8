#pragma once
// The two state machines of one execution environment (one runtime process with its own Runtime API
// endpoint). Pure functions over enums, so every legal and illegal transition is unit-tested; the
// ExecutionEnvironment validates with them before it changes anything (RIE's rule: transitions are
// irreversible, so validation comes first).
//
// 1. Lifecycle, driven by lemu (event -> next state; an empty cell is an illegal transition):
//
// | from \ event | Launched     | LaunchFailed | InitDone | Dispatch | Complete | InitError  | InitTimeout |
// Timeout  | Exit   | Stop    |
// |--------------|--------------|--------------|----------|----------|----------|------------|-------------|----------|--------|---------|
// | Spawning     | Initializing | InitFailed   |          |          |          |            |             |
// |        | Stopped | | Initializing |              |              | Idle     |          |          |
// InitFailed | TimedOut    |          | Exited | Stopped | | Idle         |              |              | |
// Invoking |          |            |             |          | Exited | Stopped | | Invoking     | | | | |
// Idle     |            |             | TimedOut | Exited | Stopped | | InitFailed, TimedOut, Exited,
// Stopped: terminal; every event is illegal.
//
//    InitDone is the runtime's first GET /next; Dispatch hands an invocation to a waiting /next;
//    Complete is a /response, an /error or an oversized response.
//
// 2. Runtime phase, driven by the runtime's Runtime API calls (names and 403 texts are RIE's rapid
//    core: internal/lambda/core/states.go, runtime_state_names.go):
//
// | from \ call  | Next    | Dispatch | Response     | Error        | InitError |
// |--------------|---------|----------|--------------|--------------|-----------|
// | Started      | Ready   |          |              |              | InitError |
// | Ready        | Ready   | Running  |              |              |           |
// | Running      | Running |          | ResponseSent | ResponseSent |           |
// | ResponseSent | Ready   |          |              |              |           |
// | InitError    |         |          |              |              |           |
//
//    Next while Running re-renders the current event (RIE does; a transport retry of /next needs it).
//    An illegal call is answered 403 InvalidStateTransition with transition_error_message().

#include <optional>
#include <string>
#include <string_view>

namespace lemu::invoke {

enum class EnvironmentState { Spawning, Initializing, Idle, Invoking, InitFailed, TimedOut, Exited, Stopped };

enum class EnvironmentEvent {
    Launched,
    LaunchFailed,
    InitDone,
    Dispatch,
    Complete,
    InitError,
    InitTimeout,
    Timeout,
    Exit,
    Stop
};

enum class RuntimePhase { Started, Ready, Running, ResponseSent, InitError };

enum class RuntimeCall { Next, Dispatch, Response, Error, InitError };

// The state after `event`, or nullopt when the transition is illegal.
std::optional<EnvironmentState> next_state(EnvironmentState from, EnvironmentEvent event);
bool is_terminal(EnvironmentState state);

// The phase after `call`, or nullopt when the Runtime API must answer 403.
std::optional<RuntimePhase> next_phase(RuntimePhase from, RuntimeCall call);
// "State transition from Running to InitError failed for runtime. Error: State transition is not allowed"
std::string transition_error_message(RuntimePhase from, RuntimeCall call);

std::string_view to_string(EnvironmentState state);
std::string_view to_string(EnvironmentEvent event);
// RIE's state names: Started, Ready, Running, RuntimeResponseSentState, InitError.
std::string_view rie_name(RuntimePhase phase);

}  // namespace lemu::invoke
