import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TCreateIpRangeInput, TThreatListUpload } from "../../shared/schemas/ip-ranges";
import { ipRangesApi } from "../api/ip-ranges";
import { ipRangeKeys, threatListKeys } from "../queries/ip-ranges";

/** Create (no id) or PATCH an IP range; the create schema's body is a valid PATCH too. */
export const useSaveIpRange = (id: string | undefined) => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TCreateIpRangeInput) => (id ? ipRangesApi.update(id, input) : ipRangesApi.create(input)),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ipRangeKeys.all }),
  });
};

export const useDeleteIpRange = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (id: string) => ipRangesApi.remove(id), onSettled: () => queryClient.invalidateQueries({ queryKey: ipRangeKeys.all }) });
};

export const useUploadThreatList = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ tag, input }: { tag: string; input: TThreatListUpload }) => ipRangesApi.uploadThreatList(tag, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: threatListKeys.all }),
  });
};

export const useRevertThreatList = () => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: (tag: string) => ipRangesApi.revertThreatList(tag), onSettled: () => void queryClient.invalidateQueries({ queryKey: threatListKeys.all }) });
};
