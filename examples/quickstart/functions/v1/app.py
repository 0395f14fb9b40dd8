def handler(event, context):
    name = event.get("name", "world") if isinstance(event, dict) else "world"
    return {
        "message": f"hello {name}",
        "code": "v1",
        "executed_version": context.function_version,
        "invoked_arn": context.invoked_function_arn,
    }
