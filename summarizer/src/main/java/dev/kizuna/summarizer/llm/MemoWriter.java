package dev.kizuna.summarizer.llm;

import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;

/** The LangChain4j AI service: one call per summary, answered as an {@link LlmMemo} (structured output). */
interface MemoWriter {

  @SystemMessage("""
      You write the minimal shared memo of a 1on1 meeting between a MEMBER and their MANAGER: a few lines a \
      person reads in thirty seconds. For each agenda item give at most three short key points (facts, \
      decisions, the manager's opinion or advice; no small talk). List promises: a speaker committing to a \
      concrete action, said as decided; owner is the speaker (MEMBER or MANAGER); due is the ISO date \
      (yyyy-MM-dd) when a time was said, resolved against the meeting date, otherwise empty. Questions, \
      wishes, hypotheticals, hedged or conditional offers, past actions and quoted speech are not promises. \
      Give what each side will keep in mind until next time and the topics for next time. Write every text \
      in the meeting's language.""")
  @UserMessage("{{meeting}}")
  LlmMemo write(@V("meeting") String meeting);
}
