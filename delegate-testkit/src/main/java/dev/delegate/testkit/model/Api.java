package dev.delegate.testkit.model;

/** The model APIs the server speaks. */
public enum Api {
  /** Anthropic Messages API, {@code POST /v1/messages} (Claude Code). */
  ANTHROPIC_MESSAGES,
  /** OpenAI Responses API, {@code POST /v1/responses} (Codex). */
  OPENAI_RESPONSES,
  /** Gemini API, {@code POST /v1beta/models/<model>:streamGenerateContent} (Gemini CLI). */
  GEMINI_GENERATE_CONTENT
}
