#include "emulator/invoke/environment_state.hpp"

#include <fmt/format.h>

namespace lemu::invoke {

std::optional<EnvironmentState> next_state(EnvironmentState from, EnvironmentEvent event) {
    using S = EnvironmentState;
    using E = EnvironmentEvent;
    if (is_terminal(from)) {
        return std::nullopt;
    }
    if (event == E::Stop) {
        return S::Stopped;
    }
    switch (from) {
        case S::Spawning:
            if (event == E::Launched)
                return S::Initializing;
            if (event == E::LaunchFailed)
                return S::InitFailed;
            break;
        case S::Initializing:
            if (event == E::InitDone)
                return S::Idle;
            if (event == E::InitError)
                return S::InitFailed;
            if (event == E::InitTimeout)
                return S::TimedOut;
            if (event == E::Exit)
                return S::Exited;
            break;
        case S::Idle:
            if (event == E::Dispatch)
                return S::Invoking;
            if (event == E::Exit)
                return S::Exited;
            break;
        case S::Invoking:
            if (event == E::Complete)
                return S::Idle;
            if (event == E::Timeout)
                return S::TimedOut;
            if (event == E::Exit)
                return S::Exited;
            break;
        default:
            break;
    }
    return std::nullopt;
}

bool is_terminal(EnvironmentState state) {
    switch (state) {
        case EnvironmentState::InitFailed:
        case EnvironmentState::TimedOut:
        case EnvironmentState::Exited:
        case EnvironmentState::Stopped:
            return true;
        default:
            return false;
    }
}

std::optional<RuntimePhase> next_phase(RuntimePhase from, RuntimeCall call) {
    using P = RuntimePhase;
    using C = RuntimeCall;
    switch (from) {
        case P::Started:
            if (call == C::Next)
                return P::Ready;
            if (call == C::InitError)
                return P::InitError;
            break;
        case P::Ready:
            if (call == C::Next)
                return P::Ready;
            if (call == C::Dispatch)
                return P::Running;
            break;
        case P::Running:
            if (call == C::Next)
                return P::Running;
            if (call == C::Response || call == C::Error)
                return P::ResponseSent;
            break;
        case P::ResponseSent:
            if (call == C::Next)
                return P::Ready;
            break;
        case P::InitError:
            break;
    }
    return std::nullopt;
}

namespace {

// The state RIE names as the target of each call.
std::string_view target_name(RuntimeCall call) {
    switch (call) {
        case RuntimeCall::Next:
        case RuntimeCall::Dispatch:
            return "Ready";
        case RuntimeCall::Response:
            return "InvocationResponse";
        case RuntimeCall::Error:
            return "InvocationErrorResponse";
        case RuntimeCall::InitError:
            return "InitError";
    }
    return "Unknown";
}

}  // namespace

std::string transition_error_message(RuntimePhase from, RuntimeCall call) {
    return fmt::format(
        "State transition from {} to {} failed for runtime. Error: State transition is not allowed",
        rie_name(from), target_name(call));
}

std::string_view to_string(EnvironmentState state) {
    switch (state) {
        case EnvironmentState::Spawning:
            return "Spawning";
        case EnvironmentState::Initializing:
            return "Initializing";
        case EnvironmentState::Idle:
            return "Idle";
        case EnvironmentState::Invoking:
            return "Invoking";
        case EnvironmentState::InitFailed:
            return "InitFailed";
        case EnvironmentState::TimedOut:
            return "TimedOut";
        case EnvironmentState::Exited:
            return "Exited";
        case EnvironmentState::Stopped:
            return "Stopped";
    }
    return "Unknown";
}

std::string_view to_string(EnvironmentEvent event) {
    switch (event) {
        case EnvironmentEvent::Launched:
            return "Launched";
        case EnvironmentEvent::LaunchFailed:
            return "LaunchFailed";
        case EnvironmentEvent::InitDone:
            return "InitDone";
        case EnvironmentEvent::Dispatch:
            return "Dispatch";
        case EnvironmentEvent::Complete:
            return "Complete";
        case EnvironmentEvent::InitError:
            return "InitError";
        case EnvironmentEvent::InitTimeout:
            return "InitTimeout";
        case EnvironmentEvent::Timeout:
            return "Timeout";
        case EnvironmentEvent::Exit:
            return "Exit";
        case EnvironmentEvent::Stop:
            return "Stop";
    }
    return "Unknown";
}

std::string_view rie_name(RuntimePhase phase) {
    switch (phase) {
        case RuntimePhase::Started:
            return "Started";
        case RuntimePhase::Ready:
            return "Ready";
        case RuntimePhase::Running:
            return "Running";
        case RuntimePhase::ResponseSent:
            return "RuntimeResponseSentState";
        case RuntimePhase::InitError:
            return "InitError";
    }
    return "Unknown";
}

}  // namespace lemu::invoke
