"use client";

import { TextAreaField } from "@/components/ui/field";
import { SettingsForm, useSettingsForm, type SettingsAction } from "./settings-form";

const ORDER = ["body"];

/**
 * One legal document's editor: saving publishes the text as a new version (the old one stays
 * readable). `body` is the current version's text.
 */
export function LegalDocumentForm({
  action,
  kind,
  title,
  body,
  asksAgain,
}: {
  action: SettingsAction;
  kind: string;
  title: string;
  body: string;
  // A new version makes customers agree again (이용약관, 개인정보처리방침).
  asksAgain: boolean;
}) {
  const form = useSettingsForm(action, ORDER);
  return (
    <SettingsForm form={form} submitLabel={`${title} 새 버전 게시`}>
      <input type="hidden" name="kind" value={kind} />
      <TextAreaField
        label={`${title} 내용`}
        name="body"
        rows={16}
        // A refused save keeps what was typed; otherwise the current version.
        defaultValue={form.state.values?.body ?? body}
        error={form.errors.body}
        hint={`"## 제목", "- 목록"을 쓸 수 있고 빈 줄로 문단을 나눠요. {{상호}}, {{대표자}}, {{고객센터}}, {{주소}}, {{사업자등록번호}}는 사업자 정보로 바뀌어요.${
          asksAgain ? " 게시하면 로그인한 고객에게 다시 동의를 받아요." : ""
        }`}
      />
    </SettingsForm>
  );
}
