"""Language-model access: the embedded GGUF runtime, remote endpoints, structured calls."""
