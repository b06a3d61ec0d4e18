import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'chuyenvien' })
  @IsString()
  @Length(1, 100)
  username: string;

  @ApiProperty({ example: 'demo' })
  @IsString()
  @Length(1, 200)
  password: string;
}

export class RefreshDto {
  @ApiProperty({ description: 'the refreshToken of the last login or refresh' })
  @IsString()
  @Length(20, 200)
  refreshToken: string;
}
