#!/usr/bin/env node
// The AWS SDK warns on every run under Node 20; the engines field already states what we support.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
require('@oclif/core').execute({dir: __dirname});
