import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { LoginThrottleGuard } from './login-throttle.js';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Public, User, type CurrentUser } from '../common/current-user.js';
import { AuthService } from './auth.service.js';
import { LoginDto, RefreshDto } from './dto/login.dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** Rate limited per client address and per user name (login-throttle.ts): 429 beyond, with Retry-After. */
  @Public()
  @UseGuards(LoginThrottleGuard)
  @Post('login')
  @HttpCode(200)
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto.username, dto.password);
  }

  /** A new access token (and refresh token) for a refresh token, which is used up. */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto) {
    return this.auth.refresh(dto.refreshToken);
  }

  /** Ends the session of a refresh token. */
  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Body() dto: RefreshDto) {
    await this.auth.logout(dto.refreshToken);
  }

  @ApiBearerAuth()
  @Get('me')
  me(@User() user: CurrentUser) {
    return user;
  }
}
