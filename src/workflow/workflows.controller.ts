import { Body, Controller, Get, Param, ParseIntPipe, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { ReqMeta, User, type CurrentUser, type RequestMeta } from '../common/current-user.js';
import { NotFoundError } from '../common/domain-error.js';
import { RouteRegistry } from './route-registry.js';
import { RouteAssignmentsService } from './route-assignments.service.js';
import { AssignRouteDto } from './dto/assign-route.dto.js';
import type { RouteVersion } from './route-versions.js';

function toRouteSummary(v: RouteVersion, versions: RouteVersion[]) {
  return {
    key: v.key,
    name: v.route.name,
    file: v.file,
    version: v.version,
    hash: v.hash,
    deployedAt: v.deployedAt,
    versions: versions.map((x) => ({ version: x.version, hash: x.hash, deployedAt: x.deployedAt })),
  };
}

/** The deployed routes, their versions, and which route each document type follows. */
@ApiTags('workflows')
@ApiBearerAuth()
@Controller('workflows')
export class WorkflowsController {
  constructor(
    private readonly routes: RouteRegistry,
    private readonly assignments: RouteAssignmentsService,
  ) {}

  @Get()
  list() {
    return this.routes.routes().map((v) => toRouteSummary(v, this.routes.versionsOf(v.key)));
  }

  @Get('assignments')
  listAssignments() {
    return this.assignments.list();
  }

  @Put('assignments')
  assign(@User() user: CurrentUser, @Body() dto: AssignRouteDto, @ReqMeta() meta: RequestMeta) {
    return this.assignments.assign(user, dto, meta);
  }

  /** A route (its newest version, or ?version=N): the BPMN XML, the version, and the compiled machine as JSON. */
  @Get(':key')
  get(@Param('key') key: string, @Query('version', new ParseIntPipe({ optional: true })) version?: number) {
    const latest = this.routes.latest(key);
    if (!latest) throw new NotFoundError('route', key);
    const v = version === undefined ? latest : this.routes.versionsOf(key).find((x) => x.version === version);
    if (!v) throw new NotFoundError('route version', `${key}@${version}`);
    return {
      ...toRouteSummary(v, this.routes.versionsOf(key)),
      xml: v.xml,
      tasks: Object.values(v.route.tasks),
      machine: v.route.machine.toJSON(),
    };
  }
}
