import { useState } from "react";

/**
 * A text input's state that follows the URL's value when that changes (back/forward) without remounting: a select's
 * navigation still in flight must not wipe what is being typed.
 */
export const useFollowedText = (urlValue: string | undefined) => {
  const [text, setText] = useState(urlValue ?? "");
  const [followed, setFollowed] = useState(urlValue);
  if (followed !== urlValue) {
    setFollowed(urlValue);
    setText(urlValue ?? "");
  }
  return [text, setText] as const;
};
