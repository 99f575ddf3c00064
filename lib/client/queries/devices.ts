import { queryOptions } from "@tanstack/react-query";
import { devicesApi } from "../api/devices";

export const deviceKeys = { all: ["devices"] as const, certificates: () => ["devices", "certificates"] as const, cas: () => ["devices", "cas"] as const };

export const deviceCertificatesQuery = () => queryOptions({ queryKey: deviceKeys.certificates(), queryFn: devicesApi.certificates });

export const deviceCasQuery = () => queryOptions({ queryKey: deviceKeys.cas(), queryFn: devicesApi.cas });
