import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TIssueCertificateInput, TUploadCaInput } from "../../shared/schemas/devices";
import { devicesApi } from "../api/devices";
import { deviceKeys } from "../queries/devices";

const useDeviceMutation = <A, R>(mutationFn: (arg: A) => Promise<R>) => {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn, onSettled: () => queryClient.invalidateQueries({ queryKey: deviceKeys.all }) });
};

export const useIssueCertificate = () => useDeviceMutation((input: TIssueCertificateInput) => devicesApi.issue(input));
export const useRevokeCertificate = () => useDeviceMutation((id: string) => devicesApi.revoke(id));
export const useUploadCa = () => useDeviceMutation((input: TUploadCaInput) => devicesApi.uploadCa(input));
export const useRemoveCa = () => useDeviceMutation((id: string) => devicesApi.removeCa(id));
