import type { TUserDto } from "../../../shared/schemas/users";
import { listUsers as selectUsers } from "../../repositories/user-repository";
import { toUserDto } from "./user-dto";

export const listUsers = async (): Promise<TUserDto[]> => (await selectUsers()).map(toUserDto);
