import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';

export class CreateHandoverDto {
  @ApiProperty({ format: 'uuid', description: 'the deputy who will act on your behalf (a person of your agency)' })
  @IsUUID('all')
  toUserId: string;

  @ApiPropertyOptional({ example: 'Đi công tác' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(500)
  reason?: string;
}

export class CreateAbsenceDto {
  @ApiProperty({ format: 'uuid', description: 'who receives your new tasks meanwhile (a person of your agency)' })
  @IsUUID('all')
  standInId: string;

  @ApiProperty({ example: '2026-12-01T07:30:00+07:00' })
  @IsISO8601({ strict: true })
  validFrom: string;

  @ApiProperty({ example: '2026-12-05T17:00:00+07:00' })
  @IsISO8601({ strict: true })
  validTo: string;

  @ApiPropertyOptional({ example: 'Nghỉ phép năm' })
  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'must not be blank' })
  @MaxLength(500)
  reason?: string;
}
